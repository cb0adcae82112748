use crate::i18n::{t, tf, Msg};
use crate::route::Route;
use crate::ui::components::set_title;
use crate::ui::store::use_store;
use leptos::prelude::*;

/// The welcome page: what Waymark is, how many families, and where data lives.
#[component]
pub fn HomePage() -> impl IntoView {
    set_title(t(Msg::NavHome));
    let store = use_store();
    let counts = move || {
        store.ws.with(|ws| {
            let open = ws.live_families().filter(|f| f.closed.is_none()).count();
            let closed = ws.live_families().count() - open;
            (open, closed)
        })
    };
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
                <p>{t(Msg::HomePrivacy)}</p>
            </div>
        </section>
    }
}
