//! Security questions: three different questions, answers normalised and
//! hashed like passwords (argon2id), replaced only with the current
//! password.

use super::QuestionAnswer;
use crate::request::Request;
use proto::admin::AuditAction;
use proto::binding::{MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, QUESTION_COUNT};
use proto::error::{Invalid, UserError};
use proto::messages::AccountNotice;
use proto::secret::Secret;

use crate::accounts::{signed_in_account, verify_current_password};
use crate::answers::normalize_answer;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::sms;

/// Checks the questions and answers as submitted: the questions' texts
/// (trimmed) and the normalised answers, ready to hash.
fn checked(questions: Vec<QuestionAnswer>) -> Result<Vec<(String, Secret)>, UserError> {
    if questions.len() != QUESTION_COUNT {
        return Err(UserError::Invalid(Invalid::ChooseQuestions {
            count: QUESTION_COUNT,
        }));
    }
    let mut checked: Vec<(String, Secret)> = Vec::with_capacity(QUESTION_COUNT);
    for (n, QuestionAnswer { question, answer }) in questions.into_iter().enumerate() {
        let n = n + 1;
        let question = question.trim().to_owned();
        if question.is_empty() {
            return Err(UserError::Invalid(Invalid::ChooseQuestion { n }));
        }
        // The form checks these too; the server has the last word.
        if proto::text::has_hidden_controls(&question) {
            return Err(UserError::Invalid(Invalid::QuestionControlChars { n }));
        }
        if question.chars().count() > MAX_QUESTION_CHARS {
            return Err(UserError::Invalid(Invalid::QuestionTooLong {
                n,
                max: MAX_QUESTION_CHARS,
            }));
        }
        // Questions that differ only in case or spacing are the same one.
        if checked
            .iter()
            .any(|(earlier, _)| normalize_answer(earlier) == normalize_answer(&question))
        {
            return Err(UserError::Invalid(Invalid::DifferentQuestions {
                count: QUESTION_COUNT,
            }));
        }
        let answer = normalize_answer(answer.expose());
        if answer.is_empty() {
            return Err(UserError::Invalid(Invalid::AnswerQuestion { n }));
        }
        if answer.chars().count() > MAX_ANSWER_CHARS {
            return Err(UserError::Invalid(Invalid::AnswerTooLong {
                n,
                max: MAX_ANSWER_CHARS,
            }));
        }
        checked.push((question, Secret::new(answer)));
    }
    Ok(checked)
}

pub async fn set(
    ctx: &Ctx,
    request: &Request,
    current_password: &Secret,
    questions: Vec<QuestionAnswer>,
) -> Result<()> {
    let (account, _) = signed_in_account(ctx, request, false).await?;
    let questions = checked(questions)?;
    // Adding or replacing a recovery method needs the password, not just a
    // session: otherwise a stolen session becomes a stolen account.
    let holder = account.holder(&request.client.addr);
    verify_current_password(ctx, holder, current_password).await?;
    let mut hashed = Vec::with_capacity(questions.len());
    for (question, answer) in questions {
        let hash = ctx.hasher.hash(answer.expose()).await?;
        hashed.push((question, hash));
    }
    let now = ctx.now();
    let notice = AccountNotice::QuestionsChanged { at: now };
    let mut tx = ctx.db.pool.begin().await?;
    sqlx::query("DELETE FROM security_questions WHERE account_id = $1")
        .bind(&account.id)
        .execute(&mut *tx)
        .await?;
    for (position, (question, hash)) in hashed.iter().enumerate() {
        sqlx::query(
            "INSERT INTO security_questions (account_id, position, question, answer_hash) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&account.id)
        .bind(position as i64)
        .bind(question)
        .bind(hash.as_str())
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE mail_accounts SET has_questions = 1 WHERE id = $1")
        .bind(&account.id)
        .execute(&mut *tx)
        .await?;
    // A recovery begun with the old questions (or any other) ends: its
    // basis changed.
    crate::accounts::end_open_flows(&mut *tx, &account.id, None, now).await?;
    super::prompt::confirmed(&mut *tx, &account.id, now).await?;
    holder
        .event(AuditAction::QuestionsSet)
        .record(&mut *tx, now)
        .await?;
    // The bound phone (if any) hears about it, like every change of a
    // recovery method.
    sms::enqueue_for_account(&mut tx, &account.id, &notice, Some(request.language()), now).await?;
    tx.commit().await?;
    ctx.sms.wake();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a person reading English is told.
    fn english(error: &UserError) -> String {
        proto::messages::user_error(proto::language::Language::en, error)
    }

    fn submitted(items: [(&str, &str); 3]) -> Vec<QuestionAnswer> {
        items
            .into_iter()
            .map(|(question, answer)| QuestionAnswer {
                question: question.into(),
                answer: Secret::new(answer),
            })
            .collect()
    }

    #[test]
    fn answers_are_normalised_before_hashing() {
        let checked = checked(submitted([
            ("What city were you born in?", "  Hang   ZHOU "),
            ("Who was my hero?", "Ada"),
            ("What is your favourite book?", "Dream of\tthe Red Chamber"),
        ]))
        .unwrap();
        let answers: Vec<&str> = checked.iter().map(|(_, a)| a.expose()).collect();
        assert_eq!(answers, ["hang zhou", "ada", "dream of the red chamber"]);
    }

    #[test]
    fn the_same_question_twice_is_refused_whatever_its_case() {
        let error = checked(submitted([
            ("What city were you born in?", "Hangzhou"),
            ("what city  were you born in?", "Hangzhou"),
            ("What is your favourite book?", "Dream"),
        ]))
        .unwrap_err();
        assert_eq!(
            error,
            UserError::Invalid(Invalid::DifferentQuestions { count: 3 })
        );
        assert_eq!(english(&error), "Choose 3 different questions.");
    }

    #[test]
    fn an_empty_answer_is_refused_with_its_number() {
        let error = checked(submitted([
            ("What city were you born in?", "Hangzhou"),
            ("Who was my hero?", "   "),
            ("What is your favourite book?", "Dream"),
        ]))
        .unwrap_err();
        assert_eq!(error, UserError::Invalid(Invalid::AnswerQuestion { n: 2 }));
        assert_eq!(english(&error), "Answer question 2.");
    }
}
