//! A labelled whole-number field of a settings form, with its help line
//! tied to it for screen readers (`aria-describedby`).

use leptos::prelude::*;

#[component]
pub fn NumberField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    help: &'static str,
    min: u32,
    max: u32,
    value: u32,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                name=name
                type="number"
                required
                min=min.to_string()
                max=max.to_string()
                value=value.to_string()
                aria-describedby=help_id.clone()
            />
            <p id=help_id class="help">{help}</p>
        </div>
    }
}
