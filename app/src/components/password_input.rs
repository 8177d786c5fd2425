//! A password field with a show/hide toggle. The toggle is a plain button
//! that only acts once the WASM has hydrated the page; without JavaScript
//! the field is an ordinary password input.

use leptos::prelude::*;

#[component]
pub fn PasswordInput(
    /// The input's id, which its label points at.
    id: &'static str,
    /// The form field name the value is posted under.
    name: &'static str,
    /// The visible label (a contract: tests find the field by it).
    label: &'static str,
    /// `current-password` or `new-password`, for password managers.
    autocomplete: &'static str,
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
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <div class="password-row">
                <input
                    id=id
                    name=name
                    type=input_type
                    autocomplete=autocomplete
                    spellcheck="false"
                    autocapitalize="off"
                    on:input=on_input
                />
                <button
                    type="button"
                    class="toggle"
                    aria-controls=id
                    aria-pressed=move || if shown.get() { "true" } else { "false" }
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { "Hide" } else { "Show" }}
                </button>
            </div>
        </div>
    }
}
