//! Home: on first use, the choice of how Waymark is used here; then either the staff welcome or a
//! family's own simple home (do our wheel, today's questions, how we are doing, our plan, share).

use crate::domain::base::id::Id;
#[cfg(feature = "staff")]
use crate::i18n::tf;
use crate::i18n::{t, Msg};
use crate::route::Route;
use crate::ui::shared::dom::set_title;
use crate::ui::shared::drafts::do_our_wheel;
use crate::ui::shared::mode::{self, choose, use_mode, Mode};
use crate::ui::shared::store::use_store;
use crate::ui::widgets::language::LanguageButtons;
use crate::ui::widgets::privacy;
use crate::ui::widgets::read_aloud::ReadAloud;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let mode = use_mode();
    move || match mode.get() {
        Mode::Family => FamilyHome().into_any(),
        #[cfg(feature = "staff")]
        Mode::Caseload => CaseloadHome().into_any(),
        // (The family's build never shows the staff view: choosing it opens the full build.)
        _ => FirstUse().into_any(),
    }
}

/// First use, in the words of whoever is holding the device: their language (each in its own
/// words) at the top, then the two ways Waymark is used. Nothing else.
#[component]
fn FirstUse() -> impl IntoView {
    set_title(t(Msg::HomeTitle));
    let store = use_store();
    let mode = use_mode();
    view! {
        <section class="page first-use">
            <LanguageButtons/>
            <h1 tabindex="-1">{t(Msg::HomeTitle)}</h1>
            <p class="lead">{t(Msg::FirstUseIntro)}</p>
            <div class="choose-mode" role="group" aria-labelledby="mode-question">
                <h2 id="mode-question">{t(Msg::ModeQuestion)}</h2>
                <ul class="choice-buttons">
                    <li>
                        <button type="button" class="button button-primary button-big" aria-describedby="mode-family-hint"
                            on:click=move |_| choose(store, mode, Mode::Family)>{t(Msg::ModeFamily)}</button>
                        <p class="hint" id="mode-family-hint">{t(Msg::ModeFamilyHint)}</p>
                    </li>
                    <li>
                        <button type="button" class="button button-big" aria-describedby="mode-caseload-hint"
                            on:click=move |_| choose(store, mode, Mode::Caseload)>{t(Msg::ModeCaseload)}</button>
                        <p class="hint" id="mode-caseload-hint">{t(Msg::ModeCaseloadHint)}</p>
                    </li>
                </ul>
            </div>
        </section>
    }
}

/// The staff welcome: what Waymark is, how many families, and where data lives.
#[cfg(feature = "staff")]
#[component]
fn CaseloadHome() -> impl IntoView {
    set_title(t(Msg::NavHome));
    let store = use_store();
    let counts = move || store.with_list(|i| i.counts());
    view! {
        <section class="page">
            <h1 tabindex="-1">{t(Msg::HomeTitle)}</h1>
            <p class="lead">{t(Msg::HomeIntro)}</p>
            <p>{move || { let (o, c) = counts(); tf(Msg::HomeFamiliesCount, &[("n", o.to_string()), ("c", c.to_string())]) }}</p>
            <div class="actions">
                <a class="button button-primary" href=Route::Families.href()>{t(Msg::HomeStart)}</a>
                <a class="button" href=Route::Wheels.href()>{t(Msg::WheelsTitle)}</a>
                <a class="button" href=Route::Scales.href()>{t(Msg::ScalesTitle)}</a>
            </div>
            <div class="card card-quiet">
                <p>{privacy(Msg::HomePrivacy)}</p>
            </div>
        </section>
    }
}

/// A family's own home on their phone: big, plain ways in, and nothing about other families.
#[component]
fn FamilyHome() -> impl IntoView {
    set_title(t(Msg::NavHome));
    let fid = Memo::new(move |_| mode::family_id());
    let store = use_store();
    view! {
        <section class="page family-home">
            <h1 tabindex="-1">{t(Msg::FamilyHomeTitle)}</h1>
            <p class="lead">{t(Msg::FamilyHomeIntro)}</p>
            <ReadAloud text=Signal::derive(|| [
                t(Msg::FamilyHomeIntro), t(Msg::TileWheel), t(Msg::TileWheelHint), t(Msg::TileQuestions), t(Msg::TileQuestionsHint),
                t(Msg::TileHowWeAre), t(Msg::TileHowWeAreHint), t(Msg::TilePlan), t(Msg::TilePlanHint), t(Msg::TileShare), t(Msg::TileShareHint),
            ].join(" "))/>
            {move || fid.get().map(|f: Id| view! {
                <ul class="tiles">
                    // One tap: straight to the first area of the family's wheel.
                    <li><button type="button" class="tile" on:click={let f = f.clone(); move |_| {
                        if !do_our_wheel(store, &f) { store.say(t(Msg::SaveFailed), true, None); }
                    }}><strong>{t(Msg::TileWheel)}</strong><span>{t(Msg::TileWheelHint)}</span></button></li>
                    <li><a class="tile" href=Route::ScaleFamily(f.clone()).href()><strong>{t(Msg::TileQuestions)}</strong><span>{t(Msg::TileQuestionsHint)}</span></a></li>
                    <li><a class="tile" href=Route::FamilyPrint(f.clone()).href()><strong>{t(Msg::TileHowWeAre)}</strong><span>{t(Msg::TileHowWeAreHint)}</span></a></li>
                    <li><a class="tile" href=Route::Plan(f.clone()).href()><strong>{t(Msg::TilePlan)}</strong><span>{t(Msg::TilePlanHint)}</span></a></li>
                    <li><a class="tile" href=Route::Share.href()><strong>{t(Msg::TileShare)}</strong><span>{t(Msg::TileShareHint)}</span></a></li>
                </ul>
            })}
            <div class="card card-quiet">
                <p>{privacy(Msg::FamilyHomePrivacy)}</p>
            </div>
        </section>
    }
}
