//! Password Policy > "Recovery at logon": whether employees without a
//! recovery method may skip setting one up after logon, how often they
//! reconfirm their methods, and how long a replaced phone waits before
//! Forgot Password offers it.

use leptos::prelude::*;

use crate::admin::api::SaveRecoverySettings;
use crate::components::feedback::ErrorAlert;
use crate::components::number_field::NumberField;
use crate::i18n::td_string;
use crate::language;
use crate::report::{RecoverySettings, MAX_PHONE_COOLDOWN_HOURS, MAX_RECONFIRM_DAYS};

#[component]
pub fn RecoverySettingsSection(
    settings: RecoverySettings,
    save: ServerAction<SaveRecoverySettings>,
) -> impl IntoView {
    let lang = language::current();
    view! {
        <section aria-labelledby="recovery-settings-title">
            <h2 id="recovery-settings-title">{td_string!(lang, admin.recovery_settings_title)}</h2>
            <ActionForm action=save attr:class="stack">
                <ErrorAlert result=save.value()/>
                <label class="check">
                    <input
                        type="checkbox"
                        name="setup_required"
                        value="on"
                        checked=settings.setup_required
                        aria-describedby="setup-required-help"
                    />
                    {td_string!(lang, admin.setup_required)}
                </label>
                <p id="setup-required-help" class="help">{td_string!(lang, admin.setup_required_help)}</p>
                <NumberField
                    id="reconfirm-days"
                    name="reconfirm_days"
                    label=td_string!(lang, admin.reconfirm_days)
                    help=td_string!(lang, admin.reconfirm_days_help)
                    min=0
                    max=MAX_RECONFIRM_DAYS
                    value=settings.reconfirm_days
                />
                <NumberField
                    id="phone-cooldown"
                    name="phone_cooldown_hours"
                    label=td_string!(lang, admin.phone_cooldown)
                    help=td_string!(lang, admin.phone_cooldown_help)
                    min=0
                    max=MAX_PHONE_COOLDOWN_HOURS
                    value=settings.phone_cooldown_hours
                />
                <button type="submit">{td_string!(lang, admin.save_recovery_settings)}</button>
            </ActionForm>
        </section>
    }
}
