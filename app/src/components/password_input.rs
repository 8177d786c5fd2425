//! A password field with a show/hide toggle. The toggle is a plain button
//! that only acts once the WASM has hydrated it; without JavaScript the
//! field is an ordinary password input. [`PasswordField`] is the island a
//! server-rendered form places; [`PasswordInput`] is the same field inside
//! an island that also reads what is typed.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language::Language;

#[component]
pub fn PasswordInput(
    /// The input's id, which its label points at.
    #[prop(into)]
    id: String,
    /// The form field name the value is posted under.
    #[prop(into)]
    name: String,
    /// The visible label (a contract: tests find the field by it).
    #[prop(into)]
    label: String,
    /// `current-password` or `new-password`, for password managers.
    #[prop(into)]
    autocomplete: String,
    /// The language of Show/Hide.
    lang: Language,
    /// Mirrors every keystroke, for live feedback such as the checklist.
    #[prop(optional)]
    value: Option<RwSignal<String>>,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let input_type = move || if shown.get() { "text" } else { "password" };
    let on_input = move |ev| {
        if let Some(value) = value {
            value.set(event_target_value(&ev));
        }
    };
    // What was typed before the island woke (a slow network) is read once
    // it does, so the live feedback judges it too.
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let (Some(value), Some(input)) = (value, input.get()) {
            let typed = input.value();
            if !typed.is_empty() {
                value.set(typed);
            }
        }
    });
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <div class="password-row">
                <input
                    id=id.clone()
                    name=name
                    type=input_type
                    autocomplete=autocomplete
                    spellcheck="false"
                    autocapitalize="off"
                    on:input=on_input
                    node_ref=input
                />
                <button
                    type="button"
                    class="toggle"
                    aria-controls=id
                    aria-pressed=move || if shown.get() { "true" } else { "false" }
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || {
                        if shown.get() {
                            td_string!(lang, common.hide)
                        } else {
                            td_string!(lang, common.show)
                        }
                    }}
                </button>
            </div>
        </div>
    }
}

/// [`PasswordInput`] as an island of its own, for a form rendered on the
/// server (its value is only posted, not watched).
#[island]
pub fn PasswordField(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] autocomplete: String,
    lang: Language,
) -> impl IntoView {
    view! { <PasswordInput id=id name=name label=label autocomplete=autocomplete lang/> }
}
