//! What a page reads while it renders is not an endpoint (see `app`'s
//! `render_read!`): a test reads it as the page does, calling the area's
//! entry function with the request a client's cookies make. `Browser` is
//! the client whose cookies a test can hand over that way.

use std::ops::Deref;
use std::sync::Arc;

use app::error::UserError;
use reqwest::cookie::{CookieStore, Jar};
use services::accounts::Callers;
use services::ctx::Ctx;
use services::request::{Client, Request};

use super::TestApp;

/// A browser-like client with its own cookie jar that does not follow
/// redirects (tests look at where they point). Used wherever a
/// `reqwest::Client` is.
#[derive(Clone)]
pub struct Browser {
    client: reqwest::Client,
    jar: Arc<Jar>,
}

impl Browser {
    pub fn new() -> Self {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_provider(jar.clone())
            .build()
            .expect("client builds");
        Browser { client, jar }
    }
}

impl Deref for Browser {
    type Target = reqwest::Client;

    fn deref(&self) -> &reqwest::Client {
        &self.client
    }
}

impl TestApp {
    /// A read as the test's own client's page would make it.
    pub async fn read<T>(
        &self,
        read: impl AsyncFnOnce(&Ctx, &Request) -> Result<T, UserError>,
    ) -> Result<T, UserError> {
        self.read_with(&self.client, read).await
    }

    /// A read as `client`'s page would make it: its cookies (those a page
    /// of Forgot Password gets too), its session found as the middleware
    /// finds it, in the language its cookie chose.
    pub async fn read_with<T>(
        &self,
        client: &Browser,
        read: impl AsyncFnOnce(&Ctx, &Request) -> Result<T, UserError>,
    ) -> Result<T, UserError> {
        let url = reqwest::Url::parse(&format!("{}/forgot/", self.address)).expect("a URL");
        let mut headers = http::HeaderMap::new();
        if let Some(cookies) = client.jar.cookies(&url) {
            headers.insert(http::header::COOKIE, cookies);
        }
        let request = Request::new(Client::unknown(), false, &headers);
        let language = app::language::choose(request.cookie(app::language::COOKIE), None);
        let callers = Callers::new(|kind| request.cookie(kind.cookie_name()).map(str::to_owned));
        let mut extensions = http::Extensions::new();
        extensions.insert(Arc::new(callers));
        let request = request.in_language(language).with_extensions(extensions);
        read(&self.ctx, &request).await
    }
}

/// The HTTP status a page shows a read's answer with.
pub fn status<T>(answer: &Result<T, UserError>) -> u16 {
    match answer {
        Ok(_) => 200,
        Err(error) => error.status(),
    }
}

/// The signed-in mail account, as the pages other than Change Password
/// read it (an account that must change its password is refused).
pub async fn me(ctx: &Ctx, request: &Request) -> Result<app::auth::MailUser, UserError> {
    services::identity::mail_user(ctx, request, false).await
}
