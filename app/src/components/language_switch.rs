//! The "Language" control on every page: a plain form that posts the
//! choice to `/language`, which keeps it in a cookie and sends the browser
//! back to this page, now rendered in that language.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language::{self, own_name, tag, Language};

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = language::current();
    let back = language::current_page();
    let options = <Language as leptos_i18n::Locale>::get_all()
        .iter()
        .map(|option| {
            let option = *option;
            view! {
                <option value=tag(option) lang=tag(option) selected=option == current>
                    {own_name(option)}
                </option>
            }
        })
        .collect_view();
    view! {
        <form class="language" method="post" action="/language">
            <input type="hidden" name="back" value=back/>
            <label for="language">{td_string!(current, language.label)}</label>
            <select id="language" name="lang">{options}</select>
            <button type="submit">{td_string!(current, language.change)}</button>
        </form>
    }
}
