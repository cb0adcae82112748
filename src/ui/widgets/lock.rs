//! The lock on the device (issue 19): the unlock screen (all a locked app shows), its settings
//! on "Your data", "Lock now", and the offer at first use in the caseload view.

use super::errors::{focus_summary, ErrorSummary, FieldError};
use super::field::Field;
use crate::domain::file::locked::{self, Strength};
use crate::domain::file::vault::{self, IDLE_CHOICES};
use crate::i18n::{t, tf, Msg};
use crate::route::Route;
use crate::storage;
use crate::ui::shared::dom::{focus_id, next_frame};
use crate::ui::shared::store::{idle_minutes, use_store, LockError};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The words for a passphrase's strength.
pub fn strength_words(s: Strength) -> &'static str {
    t(match s {
        Strength::TooShort => Msg::StrengthTooShort,
        Strength::Weak => Msg::StrengthWeak,
        Strength::Fair => Msg::StrengthFair,
        Strength::Strong => Msg::StrengthStrong,
    })
}

/// "Wait 20 seconds" or "Wait 2 minutes", for a wait of `secs`.
fn wait_words(secs: i64) -> String {
    if secs >= 120 {
        tf(
            Msg::UnlockWaitMinutes,
            &[("n", ((secs + 59) / 60).to_string())],
        )
    } else {
        tf(Msg::UnlockWaitSeconds, &[("n", secs.to_string())])
    }
}

/// A passphrase form's problems (one at a time), with a helper to read the one at a field.
#[derive(Clone, Copy)]
pub struct Problems(pub RwSignal<Vec<FieldError>>);

impl Default for Problems {
    fn default() -> Self {
        Self::new()
    }
}

impl Problems {
    pub fn new() -> Problems {
        Problems(RwSignal::new(Vec::new()))
    }
    pub fn at(self, id: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.0
                .with(|ps| ps.iter().find(|e| e.field == id).map(|e| e.message.clone()))
        })
    }
    pub fn show(self, id: &'static str, message: impl Into<String>) {
        self.0.set(vec![FieldError::new(id, message)]);
        focus_summary();
    }
    /// Clears the message at `id` (once its field is changed).
    pub fn clear(self, id: &'static str) {
        if self.0.with_untracked(|ps| ps.iter().any(|e| e.field == id)) {
            self.0.update(|ps| ps.retain(|e| e.field != id));
        }
    }
}

/// A new passphrase typed twice (fields `ids`), with its strength as it is typed; a message
/// at either field clears once it is put right. [`new_passphrase_ok`] checks it on submitting.
#[component]
pub fn NewPassphrase(
    ids: (&'static str, &'static str),
    label: &'static str,
    pass: RwSignal<String>,
    again: RwSignal<String>,
    problems: Problems,
) -> impl IntoView {
    let (p_id, a_id) = ids;
    // A message clears once its field is put right.
    Effect::new(move |_| {
        let (p, a) = (pass.get(), again.get());
        if locked::strength(&p) != Strength::TooShort {
            problems.clear(p_id);
        }
        if p == a {
            problems.clear(a_id);
        }
    });
    view! {
        <Field id=p_id label=label hint=t(Msg::PassphraseHint) kind="password" autocomplete="new-password" value=pass error=problems.at(p_id)/>
        <p class="meta" aria-live="polite">{move || (!pass.with(String::is_empty)).then(|| strength_words(locked::strength(&pass.get())))}</p>
        <Field id=a_id label=t(Msg::PassphraseAgain) kind="password" autocomplete="new-password" value=again error=problems.at(a_id)/>
    }
}

/// Checks a new passphrase typed twice in the fields `ids`; shows the problem and returns false
/// if it will not do.
pub fn new_passphrase_ok(
    ids: (&'static str, &'static str),
    p: &str,
    a: &str,
    problems: Problems,
) -> bool {
    let (p_id, a_id) = ids;
    if locked::strength(p) == Strength::TooShort {
        problems.show(p_id, t(Msg::PassphraseTooShort));
        false
    } else if p != a {
        problems.show(a_id, t(Msg::PassphraseMismatch));
        false
    } else {
        true
    }
}

fn failed_words(e: LockError) -> String {
    match e {
        LockError::Wrong(secs) if secs > 0 => wait_words(secs),
        LockError::Wrong(_) => t(Msg::NotThePassphrase).to_string(),
        LockError::Wait(s) => wait_words(s),
        LockError::Damaged => t(Msg::LockDamaged).to_string(),
        LockError::Unopenable => t(Msg::LockUnopenable).to_string(),
        LockError::Failed => t(Msg::LockActionFailed).to_string(),
    }
}

/// A form asking for the passphrase of the lock (to unlock, or to turn the lock off), and doing
/// `act` with it: what went wrong is said at the top and by the field (empty, not the
/// passphrase, a wait after too many tries), and cleared once the field changes.
#[component]
fn PassphraseCheck<F, Fut>(
    id: &'static str,
    help: &'static str,
    button: &'static str,
    busy_label: &'static str,
    class: &'static str,
    act: F,
) -> impl IntoView
where
    F: Fn(String) -> Fut + Copy + 'static,
    Fut: std::future::Future<Output = Result<(), LockError>> + 'static,
{
    let pass = RwSignal::new(String::new());
    let problems = Problems::new();
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        pass.track();
        problems.clear(id);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = pass.get_untracked();
        if p.is_empty() {
            problems.show(id, t(Msg::EnterPassphrase));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            next_frame().await;
            let r = act(p).await;
            busy.set(false);
            match r {
                Ok(()) => pass.set(String::new()),
                Err(e) => problems.show(id, failed_words(e)),
            }
        });
    };
    view! {
        <form class="form" on:submit=submit novalidate=true>
            <ErrorSummary errors=problems.0/>
            <p>{help}</p>
            <Field id=id label=t(Msg::Passphrase) kind="password" autocomplete="current-password" value=pass error=problems.at(id)/>
            <div class="actions">
                <button type="submit" class=class disabled=move || busy.get()>
                    {move || if busy.get() { busy_label } else { button }}
                </button>
            </div>
        </form>
    }
}

/// All a locked app shows: the passphrase, and "Forgot it?" which leads only to erasing.
#[component]
pub fn UnlockScreen() -> impl IntoView {
    let store = use_store();
    let erasing = RwSignal::new(false);
    let erase = move |_| {
        erasing.set(true);
        spawn_local(async move {
            let ok = store.erase_locked().await.is_ok();
            // Erased, the unlock screen is gone with the lock: its signals with it.
            erasing.try_set(false);
            if ok {
                // A fresh start, as on a new device.
                let _ = window().location().set_hash("");
                let _ = window().location().reload();
            } else {
                store.say(t(Msg::LockActionFailed), true, None);
            }
        });
    };
    document().set_title(t(Msg::LockedTitle));
    view! {
        <section class="page unlock" aria-labelledby="unlock-title">
            <h1 id="unlock-title" tabindex="-1">{t(Msg::LockedTitle)}</h1>
            <PassphraseCheck id="unlock-passphrase" help=t(Msg::LockedBody) button=t(Msg::Unlock)
                busy_label=t(Msg::Unlocking) class="button button-primary"
                act=move |p: String| async move { store.unlock(&p).await }/>
            <details class="disclosure">
                <summary>{t(Msg::ForgotPassphrase)}</summary>
                <p class="card card-warn">{t(Msg::ForgotBody)}</p>
                <p><button type="button" class="button button-danger" disabled=move || erasing.get() on:click=erase>{t(Msg::EraseDevice)}</button></p>
            </details>
        </section>
    }
}

/// "Lock now", in the header of every page while the lock is on.
#[component]
pub fn LockNow() -> impl IntoView {
    let store = use_store();
    view! {
        <Show when=move || store.lock_on.get() && !store.locked.get()>
            <button type="button" class="button lock-now" on:click=move |_| store.lock(true)>
                <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="icon">
                    <path d="M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h1zm2 0h6V7a3 3 0 0 0-6 0v3z"/>
                </svg>
                {t(Msg::LockNow)}
            </button>
        </Show>
    }
}

/// At first use in the caseload view: a shared tablet should have a lock.
#[component]
pub fn LockOffer() -> impl IntoView {
    let store = use_store();
    let put_off = RwSignal::new(storage::get(vault::OFFERED_KEY).ok().flatten().is_some());
    let not_now = move |_| {
        let _ = storage::set(vault::OFFERED_KEY, "1");
        put_off.set(true);
    };
    view! {
        <Show when=move || !put_off.get() && !store.lock_on.get()>
            <div class="banner" role="region" aria-labelledby="lock-offer-title">
                <h2 id="lock-offer-title">{t(Msg::LockOfferTitle)}</h2>
                <p>{t(Msg::LockOfferBody)}</p>
                <div class="actions">
                    <a class="button button-primary" href=format!("{}#lock-title", Route::Data.href()) on:click=move |_| {
                        let _ = storage::set(vault::OFFERED_KEY, "1");
                        put_off.set(true);
                    }>{t(Msg::LockOfferYes)}</a>
                    <button type="button" class="button" on:click=not_now>{t(Msg::NotNow)}</button>
                </div>
            </div>
        </Show>
    }
}

/// "Lock this device" on "Your data": turning the lock on, and once on, the idle time, "Lock
/// now", changing the passphrase and turning it off.
#[component]
pub fn LockSettings() -> impl IntoView {
    let store = use_store();
    // Come from the offer at first use ("…#lock-title"): start here.
    // (A frame after the page's own heading is focused on arriving.)
    if window()
        .location()
        .hash()
        .is_ok_and(|h| h.ends_with("#lock-title"))
    {
        request_animation_frame(|| focus_id("lock-title"));
    }
    view! {
        <h2 id="lock-title" tabindex="-1">{t(Msg::LockTitle)}</h2>
        {move || if store.lock_on.get() { view! { <LockIsOn/> }.into_any() } else { view! { <TurnOn/> }.into_any() }}
    }
}

const TURN_ON_IDS: (&str, &str) = ("lock-new", "lock-new-again");
const CHANGE_IDS: (&str, &str) = ("change-new", "change-new-again");

#[component]
fn TurnOn() -> impl IntoView {
    let store = use_store();
    let (pass, again) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let problems = Problems::new();
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (p, a) = (pass.get_untracked(), again.get_untracked());
        if !new_passphrase_ok(TURN_ON_IDS, &p, &a, problems) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            next_frame().await;
            let r = store.turn_lock_on(&p).await;
            busy.set(false);
            match r {
                Ok(()) => store.say(t(Msg::LockOnDone), false, None),
                Err(e) => store.say(failed_words(e), true, None),
            }
        });
    };
    view! {
        <p>{t(Msg::LockIntro)}</p>
        <p class="card card-warn">{t(Msg::LockWarnForget)}</p>
        <p><button type="button" class="button" on:click=move |_| store.export_all()>{t(Msg::LockSaveCopyFirst)}</button></p>
        <form class="form" on:submit=submit novalidate=true aria-labelledby="lock-title">
            <ErrorSummary errors=problems.0/>
            <NewPassphrase ids=TURN_ON_IDS label=t(Msg::ChoosePassphrase) pass=pass again=again problems=problems/>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { t(Msg::TurningLockOn) } else { t(Msg::TurnLockOn) }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn LockIsOn() -> impl IntoView {
    let store = use_store();
    let minutes = RwSignal::new(idle_minutes());
    let choose = move |ev: leptos::ev::Event| {
        let m = vault::idle_minutes(Some(&event_target_value(&ev)));
        minutes.set(m);
        if storage::set(vault::IDLE_KEY, &m.to_string()).is_err() {
            store.say(t(Msg::LockActionFailed), true, None);
        }
    };
    view! {
        <p>{t(Msg::LockIsOn)}</p>
        <div class="field">
            <label for="lock-after">{t(Msg::LockAfter)}</label>
            <select id="lock-after" on:change=choose>
                {IDLE_CHOICES.iter().map(|m| {
                    let m = *m;
                    view! { <option value=m.to_string() selected=move || minutes.get() == m>{tf(Msg::Minutes, &[("n", m.to_string())])}</option> }
                }).collect_view()}
            </select>
        </div>
        <p><button type="button" class="button" on:click=move |_| store.lock(true)>{t(Msg::LockNow)}</button></p>
        <ChangePassphrase/>
        <TurnOff/>
    }
}

#[component]
fn ChangePassphrase() -> impl IntoView {
    let store = use_store();
    let old = RwSignal::new(String::new());
    let (pass, again) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let problems = Problems::new();
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        old.track();
        problems.clear("change-old");
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (o, p, a) = (
            old.get_untracked(),
            pass.get_untracked(),
            again.get_untracked(),
        );
        if o.is_empty() {
            problems.show("change-old", t(Msg::EnterPassphrase));
            return;
        }
        if !new_passphrase_ok(CHANGE_IDS, &p, &a, problems) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            next_frame().await;
            let r = store.change_passphrase(&o, &p).await;
            busy.set(false);
            match r {
                Ok(()) => {
                    for s in [old, pass, again] {
                        s.set(String::new());
                    }
                    store.say(t(Msg::PassphraseChanged), false, None);
                }
                Err(LockError::Wrong(_)) => problems.show("change-old", t(Msg::NotThePassphrase)),
                Err(e) => store.say(failed_words(e), true, None),
            }
        });
    };
    view! {
        <details class="disclosure">
            <summary>{t(Msg::ChangePassphrase)}</summary>
            <form class="form" on:submit=submit novalidate=true>
                <ErrorSummary errors=problems.0/>
                <Field id="change-old" label=t(Msg::CurrentPassphrase) kind="password" autocomplete="current-password" value=old error=problems.at("change-old")/>
                <NewPassphrase ids=CHANGE_IDS label=t(Msg::NewPassphrase) pass=pass again=again problems=problems/>
                <div class="actions">
                    <button type="submit" class="button" disabled=move || busy.get()>{t(Msg::ChangePassphrase)}</button>
                </div>
            </form>
        </details>
    }
}

#[component]
fn TurnOff() -> impl IntoView {
    let store = use_store();
    let act = move |p: String| async move {
        store.turn_lock_off(&p).await?;
        store.say(t(Msg::LockOffDone), false, None);
        Ok(())
    };
    view! {
        <details class="disclosure">
            <summary>{t(Msg::TurnLockOff)}</summary>
            <PassphraseCheck id="off-passphrase" help=t(Msg::TurnLockOffHelp) button=t(Msg::TurnLockOff)
                busy_label=t(Msg::TurnLockOff) class="button button-danger" act=act/>
        </details>
    }
}
