//! `POST /admin/accounts/import/upload`: Import accounts' CSV file, a
//! plain multipart form (with or without JavaScript). The file is read and
//! checked by `services::admin::import_read`; the browser goes on to the
//! preview, or back to the form with the refusal's sentence.

use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use app::error::{Invalid, UserError};
use services::request::{Client, Request as ServiceRequest};

use crate::http::hardening::body::UploadTooLarge;
use crate::http::state::AppState;

pub use crate::http::hardening::body::UPLOAD_PATH as ROUTE;

fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_owned())],
    )
        .into_response()
}

/// Back to the form, the refusal in its link (as a server function's
/// error travels: one of the app's own sentences, whatever a link says).
fn refused(error: &UserError) -> Response {
    let json = serde_json::to_string(error).unwrap_or_default();
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("refused", &json)
        .finish();
    see_other(&format!("/admin/accounts/import?{query}"))
}

pub async fn upload(State(state): State<AppState>, request: Request) -> Response {
    let too_large = request.extensions().get::<UploadTooLarge>().is_some();
    let client = request
        .extensions()
        .get::<Client>()
        .cloned()
        .unwrap_or_else(Client::unknown);
    let language = request
        .extensions()
        .get::<app::language::Language>()
        .copied()
        .unwrap_or_default();
    let service_request =
        ServiceRequest::new(client, state.settings.cookie_secure(), request.headers())
            .in_language(language)
            .with_extensions(request.extensions().clone());
    let mut file = Vec::new();
    let mut start = String::new();
    if too_large {
        // Only its size was learnt (its bytes were thrown away).
        let max = proto::admin::IMPORT_MAX_MIB;
        return refused(&UserError::Invalid(Invalid::ImportTooLarge { max }));
    }
    {
        let Ok(mut multipart) = Multipart::from_request(request, &state).await else {
            return refused(&UserError::Invalid(Invalid::ImportChooseFile));
        };
        loop {
            match multipart.next_field().await {
                Ok(Some(field)) => {
                    let name = field.name().unwrap_or_default().to_owned();
                    let Ok(bytes) = field.bytes().await else {
                        return refused(&UserError::Invalid(Invalid::ImportChooseFile));
                    };
                    match name.as_str() {
                        "file" => file = bytes.to_vec(),
                        "start" => start = String::from_utf8_lossy(&bytes).into_owned(),
                        _ => {}
                    }
                }
                Ok(None) => break,
                Err(_) => return refused(&UserError::Invalid(Invalid::ImportChooseFile)),
            }
        }
    }
    match services::admin::import_read(&state.ctx, &service_request, &file, &start).await {
        Ok(id) => see_other(&format!("/admin/accounts/import/{id}")),
        Err(UserError::NotSignedIn) => see_other("/login"),
        Err(error @ UserError::Invalid(_)) => refused(&error),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, app::messages::user_error(language, &error)).into_response()
        }
    }
}
