//! "Work as a team" on "Your data" (issue 20): joining the team's server, how syncing stands in
//! plain words (last synced, changes waiting, what went wrong and what to do, a first pull's
//! progress), signing in again, syncing now and stopping.

use super::errors::ErrorSummary;
use super::field::Field;
use super::lock::Problems;
use crate::domain::sync::AddressProblem;
use crate::i18n::{t, tf, Msg};
use crate::ui::shared::dom::next_frame;
use crate::ui::shared::format::{fmt_date, group};
use crate::ui::shared::store::{now, use_store};
use crate::ui::shared::sync::{use_team, JoinError, Status, Team, Trouble};
use leptos::prelude::*;
use leptos::task::spawn_local;

const ADDRESS: &str = "team-address";
const USER: &str = "team-user";
const PASSWORD: &str = "team-password";
const AGAIN: &str = "team-password-again";

fn trouble_words(t_: Trouble) -> &'static str {
    t(match t_ {
        Trouble::Offline => Msg::TeamOffline,
        Trouble::SignedOut => Msg::TeamSignedOut,
        Trouble::NoAccess => Msg::TeamNoAccess,
        Trouble::NotFound => Msg::TeamNotFound,
        Trouble::Server | Trouble::Storage => Msg::TeamServerError,
    })
}

/// Where a join's problem is shown, and in what words.
fn join_problem(e: &JoinError, password_field: &'static str) -> (&'static str, String) {
    match e {
        JoinError::Address(AddressProblem::Empty) => (ADDRESS, t(Msg::TeamAddressMissing).into()),
        JoinError::Address(AddressProblem::OtherOrigin) => {
            (ADDRESS, t(Msg::TeamAddressOther).into())
        }
        JoinError::Address(_) => (ADDRESS, t(Msg::TeamAddressBadName).into()),
        JoinError::WrongPassword => (password_field, t(Msg::TeamWrongPassword).into()),
        JoinError::Trouble(Trouble::NotFound) => (ADDRESS, t(Msg::TeamNotFound).into()),
        JoinError::Trouble(x) => (password_field, trouble_words(*x).into()),
    }
}

/// What a device working as a team sends, and to whom: in place of "nothing is sent anywhere",
/// which is no longer true once it has joined. `None` when it works alone.
pub fn sharing_words() -> Option<String> {
    let team = use_team()?;
    team.status.with(|s| {
        s.joined
            .as_ref()
            .map(|(name, _)| tf(Msg::TeamShares, &[("team", name.clone())]))
    })
}

/// "Last synced 3 minutes ago."
fn when_words(at: crate::domain::base::Millis) -> String {
    let mins = (now().0 - at.0).max(0) / 60_000;
    let when = if mins < 1 {
        t(Msg::TeamJustNow).to_string()
    } else if mins < 60 {
        tf(Msg::TeamMinutesAgo, &[("n", mins.to_string())])
    } else if mins < 24 * 60 {
        tf(Msg::TeamHoursAgo, &[("n", (mins / 60).to_string())])
    } else {
        at.date()
            .map(|d| tf(Msg::TeamOnDate, &[("date", fmt_date(d))]))
            .unwrap_or_default()
    };
    tf(Msg::TeamLastSynced, &[("when", when)])
}

/// The team section of "Your data" (caseload view).
#[component]
pub fn TeamSync() -> impl IntoView {
    let Some(team) = use_team() else {
        return ().into_any();
    };
    let joined = Memo::new(move |_| team.status.with(|s| s.joined.is_some()));
    view! {
        <section aria-labelledby="team-title">
            <h2 id="team-title">{t(Msg::TeamHeading)}</h2>
            {move || if joined.get() {
                view! { <TeamStatus team=team/> }.into_any()
            } else {
                view! { <p>{t(Msg::TeamIntro)}</p><JoinForm team=team/> }.into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn JoinForm(team: Team) -> impl IntoView {
    let address = RwSignal::new("./db/".to_string());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problems = Problems::new();
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        address.track();
        problems.clear(ADDRESS);
    });
    Effect::new(move |_| {
        user.track();
        problems.clear(USER);
    });
    Effect::new(move |_| {
        password.track();
        problems.clear(PASSWORD);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (a, u, p) = (
            address.get_untracked(),
            user.get_untracked(),
            password.get_untracked(),
        );
        if let Err(e) = crate::domain::sync::Remote::parse(&a) {
            let (f, m) = join_problem(&JoinError::Address(e), PASSWORD);
            problems.show(f, m);
            return;
        }
        if u.trim().is_empty() {
            problems.show(USER, t(Msg::TeamUserMissing));
            return;
        }
        if p.is_empty() {
            problems.show(PASSWORD, t(Msg::TeamPasswordMissing));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            next_frame().await;
            let r = team.join(&a, &u, &p).await;
            busy.set(false);
            match r {
                Ok(()) => password.set(String::new()),
                Err(e) => {
                    let (f, m) = join_problem(&e, PASSWORD);
                    problems.show(f, m);
                }
            }
        });
    };
    view! {
        <form class="form" on:submit=submit novalidate=true>
            <ErrorSummary errors=problems.0/>
            <Field id=ADDRESS label=t(Msg::TeamAddress) hint=t(Msg::TeamAddressHint) value=address error=problems.at(ADDRESS)/>
            <Field id=USER label=t(Msg::TeamUser) autocomplete="username" value=user error=problems.at(USER)/>
            <Field id=PASSWORD label=t(Msg::TeamPassword) hint=t(Msg::TeamPasswordHint) kind="password" autocomplete="current-password" value=password error=problems.at(PASSWORD)/>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { t(Msg::TeamJoining) } else { t(Msg::TeamJoin) }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn SignInAgain(team: Team) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let problems = Problems::new();
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        password.track();
        problems.clear(AGAIN);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = password.get_untracked();
        if p.is_empty() {
            problems.show(AGAIN, t(Msg::TeamPasswordMissing));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let r = team.sign_in_again(&p).await;
            busy.set(false);
            match r {
                Ok(()) => password.set(String::new()),
                Err(e) => {
                    let (_, m) = join_problem(&e, AGAIN);
                    problems.show(AGAIN, m);
                }
            }
        });
    };
    view! {
        <form class="form" on:submit=submit novalidate=true aria-labelledby="team-sign-in-title">
            <h3 id="team-sign-in-title">{t(Msg::TeamSignInTitle)}</h3>
            <ErrorSummary errors=problems.0/>
            <Field id=AGAIN label=t(Msg::TeamPassword) hint=t(Msg::TeamPasswordHint) kind="password" autocomplete="current-password" value=password error=problems.at(AGAIN)/>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || busy.get()>{t(Msg::TeamSignIn)}</button>
            </div>
        </form>
    }
}

#[component]
fn TeamStatus(team: Team) -> impl IntoView {
    let store = use_store();
    let st = move || team.status.get();
    let signed_out =
        Memo::new(move |_| team.status.with(|s| s.trouble == Some(Trouble::SignedOut)));
    let leave = move |_| {
        team.leave();
        store.say(t(Msg::TeamLeft), false, None);
    };
    let lines = move || {
        let s: Status = st();
        let (name, user) = s.joined.clone().unwrap_or_default();
        view! {
            <p>{tf(Msg::TeamJoined, &[("team", name), ("user", user)])}</p>
            <p>{match (s.busy, s.last) {
                (true, _) if s.last.is_none() => t(Msg::TeamSyncing).to_string(),
                (_, Some(at)) => when_words(at),
                (_, None) => t(Msg::TeamNeverSynced).to_string(),
            }}</p>
            <p>{if s.waiting == 0 {
                t(Msg::TeamAllSent).to_string()
            } else {
                tf(Msg::TeamWaiting, &[("n", s.waiting.to_string())])
            }}</p>
            {s.progress.filter(|(_, total)| *total > 0).map(|(done, total)| view! {
                <p><label for="team-progress">{tf(Msg::TeamFirstPull, &[("done", group(done as usize)), ("total", group(total as usize))])}</label></p>
                <progress id="team-progress" max=total.to_string() value=done.to_string()></progress>
            })}
            {s.trouble.filter(|x| *x != Trouble::SignedOut).map(|x| view! { <p class="card card-warn">{trouble_words(x)}</p> })}
            {(s.trouble == Some(Trouble::SignedOut)).then(|| view! { <p class="card card-warn">{t(Msg::TeamSignedOut)}</p> })}
            {(!s.refused.is_empty()).then(|| view! { <p class="card card-warn">{tf(Msg::TeamRefused, &[("n", s.refused.len().to_string())])}</p> })}
            {(!s.bad.is_empty()).then(|| view! { <p class="card card-warn">{tf(Msg::TeamBadDocs, &[("n", s.bad.len().to_string()), ("ids", s.bad.join(", "))])}</p> })}
        }
    };
    view! {
        <div class="team-status" role="status" aria-live="polite">{lines}</div>
        <Show when=move || signed_out.get()>
            <SignInAgain team=team/>
        </Show>
        <div class="actions">
            <button type="button" class="button" on:click=move |_| team.go()>{t(Msg::TeamSyncNow)}</button>
        </div>
        <p class="hint">{t(Msg::TeamLeaveHint)}</p>
        <div class="actions">
            <button type="button" class="button" on:click=leave>{t(Msg::TeamLeave)}</button>
        </div>
    }
}
