//! Server-rendered content that the islands router renews only when its
//! key changes.
//!
//! After a form post the islands router patches the new page into the
//! one on screen, and it keeps every island it finds in the same place as
//! it is (with what the person typed), ignoring the new page's props for
//! it. Content placed in [`Keyed`] is a keyed list of one: the router
//! keeps it while the key is the same and swaps it, islands included, for
//! the new page's when the key differs.

use leptos::prelude::*;

#[component]
pub fn Keyed(
    /// What the content shows: a different key is different content.
    #[prop(into)]
    key: String,
    children: ChildrenFn,
) -> impl IntoView {
    view! { <For each=move || [key.clone()] key=|key| key.clone() children=move |_| children()/> }
}
