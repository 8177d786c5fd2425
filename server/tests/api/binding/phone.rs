//! Binding and changing the secure mobile phone.

use super::*;

#[tokio::test]
async fn a_phone_is_bound_with_the_code_sent_to_it() {
    let app = signed_in(WANG).await;
    assert_eq!(setup(&app).await.phone, None);

    // Typed the way people do, without the country code: read as +86.
    let response = send_code(&app, "138 0013 8002", EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        location(&response).as_deref(),
        Some("/settings/security?code_sent=1")
    );
    let code = code_sent_to(&app, NEW_PHONE).await;
    let pending = setup(&app).await;
    assert_eq!(pending.pending_phone.as_deref(), Some("+86 138****8002"));
    assert_eq!(pending.phone, None);
    // The code is stored hashed.
    let stored: String = sqlx::query_scalar("SELECT code_hash FROM phone_bindings")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains(&code));
    assert_eq!(bound_phone(&app, WANG).await, None);

    let response = bind(&app, &code).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        location(&response).as_deref(),
        Some("/settings/security?phone_bound=1")
    );
    assert_eq!(bound_phone(&app, WANG).await.as_deref(), Some(NEW_PHONE));
    let after = setup(&app).await;
    assert_eq!(after.phone.as_deref(), Some("+86 138****8002"));
    assert_eq!(after.pending_phone, None);
    assert_eq!(audit_count(&app, "phone_bound").await, 1);
    assert_eq!(audit_count(&app, "phone_changed").await, 0);
    // A code binds once.
    assert_eq!(user_error(bind(&app, &code).await).await.status(), 422);
}

#[tokio::test]
async fn an_invalid_number_is_refused_with_a_clear_message_and_no_sms() {
    let app = signed_in(WANG).await;
    for input in ["12345", "+86 138 0013", "+999 1234567"] {
        let response = send_code(&app, input, EMPLOYEE_PASSWORD).await;
        assert_eq!(response.status(), 422, "{input}");
        let error = user_error(response).await;
        assert_eq!(error, UserError::Invalid(Invalid::PhoneNotValid), "{input}");
        assert_eq!(
            crate::helpers::english(&error),
            "That is not a valid mobile number. Enter it with the country code, \
             like +86 138 0013 8000."
        );
    }
    let response = send_code(&app, "call me", EMPLOYEE_PASSWORD).await;
    assert_eq!(
        user_error(response).await,
        UserError::Invalid(Invalid::PhoneChars)
    );
    assert!(outbox(&app).await.is_empty());
    assert_eq!(setup(&app).await.pending_phone, None);
}

#[tokio::test]
async fn a_wrong_current_password_sends_no_code() {
    let app = signed_in(WANG).await;
    let response = send_code(&app, NEW_PHONE, "Employee#2027").await;
    assert_eq!(response.status(), 401);
    assert_eq!(user_error(response).await, UserError::WrongCurrentPassword);
    let response = send_code(&app, NEW_PHONE, "").await;
    assert_eq!(user_error(response).await, UserError::WrongCurrentPassword);
    assert!(outbox(&app).await.is_empty());
    assert_eq!(setup(&app).await.pending_phone, None);
    // Refusals spend none of the SMS allowance: the right password sends.
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
}

#[tokio::test]
async fn five_wrong_codes_kill_the_code() {
    let app = signed_in(WANG).await;
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
    let code = code_sent_to(&app, NEW_PHONE).await;
    for tries_left in (1..=4).rev() {
        let response = bind(&app, &wrong(&code)).await;
        assert_eq!(response.status(), 422);
        assert_eq!(
            user_error(response).await,
            UserError::CodeWrong { tries_left }
        );
    }
    assert_eq!(
        user_error(bind(&app, &wrong(&code)).await).await,
        UserError::CodeDead
    );
    // Dead: even the right code no longer binds.
    assert_eq!(
        user_error(bind(&app, &code).await).await,
        UserError::CodeDead
    );
    assert_eq!(bound_phone(&app, WANG).await, None);
    assert_eq!(setup(&app).await.pending_phone, None);
    assert_eq!(audit_count(&app, "phone_bound").await, 0);
}

#[tokio::test]
async fn a_code_is_dead_after_ten_minutes() {
    let app = signed_in(WANG).await;
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
    let code = code_sent_to(&app, NEW_PHONE).await;
    app.clock.advance(10 * MINUTE);
    let response = bind(&app, &code).await;
    assert_eq!(response.status(), 422);
    assert_eq!(user_error(response).await, UserError::CodeDead);
    assert_eq!(bound_phone(&app, WANG).await, None);
}

#[tokio::test]
async fn a_code_still_binds_just_before_ten_minutes() {
    let app = signed_in(WANG).await;
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
    let code = code_sent_to(&app, NEW_PHONE).await;
    app.clock.advance(10 * MINUTE - SECOND);
    assert_eq!(bind(&app, &code).await.status(), 200);
    assert_eq!(bound_phone(&app, WANG).await.as_deref(), Some(NEW_PHONE));
}

#[tokio::test]
async fn a_new_code_waits_sixty_seconds_and_replaces_the_old_one() {
    let app = signed_in(WANG).await;
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
    let first = code_sent_to(&app, NEW_PHONE).await;
    let response = send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 429);
    assert_eq!(user_error(response).await, UserError::ResendTooSoon(60));
    app.clock.advance(59 * SECOND);
    assert_eq!(
        user_error(send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await).await,
        UserError::ResendTooSoon(1)
    );
    assert_eq!(texts_to(&app, NEW_PHONE).await.len(), 1);

    app.clock.advance(SECOND);
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
    assert_eq!(texts_to(&app, NEW_PHONE).await.len(), 2);
    let second = code_sent_to(&app, NEW_PHONE).await;
    if first != second {
        assert_eq!(
            user_error(bind(&app, &first).await).await,
            UserError::CodeWrong { tries_left: 4 }
        );
    }
    assert_eq!(bind(&app, &second).await.status(), 200);
}

#[tokio::test]
async fn at_most_five_codes_an_hour_are_sent_for_an_account() {
    let app = signed_in(WANG).await;
    for n in 0..5 {
        let phone = format!("+861380013810{n}");
        assert_eq!(
            send_code(&app, &phone, EMPLOYEE_PASSWORD).await.status(),
            200
        );
        app.clock.advance(61 * SECOND);
    }
    let response = send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 429);
    assert_eq!(user_error(response).await, UserError::SmsLimit);
    assert_eq!(outbox(&app).await.len(), 5);
}

#[tokio::test]
async fn changing_the_number_needs_the_password_and_tells_the_old_number() {
    let app = signed_in(ZHANG).await;
    assert_eq!(setup(&app).await.phone.as_deref(), Some("+86 138****8001"));
    let response = send_code(&app, "+86 138 0013 8003", "Employee#2027").await;
    assert_eq!(user_error(response).await, UserError::WrongCurrentPassword);
    // The number already bound is not "changed" to itself.
    let response = send_code(&app, ZHANG_PHONE, EMPLOYEE_PASSWORD).await;
    assert_eq!(
        user_error(response).await,
        UserError::Invalid(Invalid::PhoneAlreadyBound)
    );
    assert!(outbox(&app).await.is_empty());

    let response = send_code(&app, "+86 138 0013 8003", EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 200);
    let code = code_sent_to(&app, "+8613800138003").await;
    // Until the new number proves itself, the old one stays bound.
    assert_eq!(bound_phone(&app, ZHANG).await.as_deref(), Some(ZHANG_PHONE));
    assert!(texts_to(&app, ZHANG_PHONE).await.is_empty());

    assert_eq!(bind(&app, &code).await.status(), 200);
    assert_eq!(
        bound_phone(&app, ZHANG).await.as_deref(),
        Some("+8613800138003")
    );
    let told = texts_to(&app, ZHANG_PHONE).await;
    assert_eq!(told.len(), 1);
    let link = format!(
        "The secure phone of your mail account was changed. If this wasn't you, open {}/r/",
        app.address
    );
    assert!(told[0].starts_with(&link), "{told:?}");
    assert_eq!(audit_count(&app, "phone_changed").await, 1);
    assert_eq!(audit_count(&app, "phone_bound").await, 0);
}
