//! The audit trail as a table: the domain's Audit Log and the console's
//! Manage page ("Recent events") show the same rows, the log with the
//! client's address beside them.

use leptos::prelude::*;

use crate::admin::{AuditAction, AuditEntry};
use crate::i18n::td_string;
use crate::language;
use crate::time::format_time;

#[component]
pub fn AuditTable(entries: Vec<AuditEntry>, #[prop(optional)] with_client: bool) -> impl IntoView {
    let lang = language::current();
    view! {
        <table class="audit">
            <thead>
                <tr>
                    <th scope="col">{td_string!(lang, audit.time)}</th>
                    <th scope="col">{td_string!(lang, audit.actor)}</th>
                    <th scope="col">{td_string!(lang, audit.action)}</th>
                    <th scope="col">{td_string!(lang, audit.target)}</th>
                    {with_client
                        .then(|| view! { <th scope="col">{td_string!(lang, audit.client_address)}</th> })}
                </tr>
            </thead>
            <tbody>
                {entries
                    .into_iter()
                    .map(|e| {
                        let client = e.client_addr.unwrap_or_default();
                        view! {
                            <tr>
                                <td>{format_time(e.at)}</td>
                                <td>{e.actor}</td>
                                <td>{AuditAction::label_of(&e.action, lang)}</td>
                                <td>{e.target.unwrap_or_default()}</td>
                                {with_client.then(|| view! { <td>{client}</td> })}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
