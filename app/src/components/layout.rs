//! The bar above signed-in pages: where you are, who you are, Log Out.

use leptos::prelude::*;

use crate::auth::api::{ConsoleLogOut, LogOut};
use crate::i18n::td_string;
use crate::language;

#[component]
pub fn TopBar(
    /// The area's name, e.g. "Mailbox" or "Domain management" (already in
    /// the reader's language).
    title: &'static str,
    /// Who is signed in.
    #[prop(into)]
    who: Signal<String>,
    /// Console owners log out of the console, everyone else of mail.
    #[prop(optional)]
    console: bool,
) -> impl IntoView {
    let lang = language::current();
    let log_out = ServerAction::<LogOut>::new();
    let console_log_out = ServerAction::<ConsoleLogOut>::new();
    let button = view! {
        <button type="submit" class="link-button">{td_string!(lang, common.log_out)}</button>
    };
    view! {
        <header class="topbar">
            <span class="brand">{title}</span>
            <span class="who">{move || who.get()}</span>
            {if console {
                view! { <ActionForm action=console_log_out>{button}</ActionForm> }.into_any()
            } else {
                view! { <ActionForm action=log_out>{button}</ActionForm> }.into_any()
            }}
        </header>
    }
}
