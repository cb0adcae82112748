//! "Need help now?": 999 and the free national lines, reached from every family page.

use crate::i18n::{t, Msg};
use crate::route::Route;
use crate::ui::shared::dom::set_title;
use crate::ui::widgets::help::HelpLines;
use leptos::prelude::*;

#[component]
pub fn HelpPage() -> impl IntoView {
    set_title(t(Msg::NeedHelpNow));
    view! {
        <section class="page">
            <p><a href=Route::Home.href()>{t(Msg::BackHome)}</a></p>
            <h1 tabindex="-1">{t(Msg::NeedHelpNow)}</h1>
            <p class="lead">{t(Msg::HelpIntro)}</p>
            <HelpLines/>
            <p>{t(Msg::HelpTellWorker)}</p>
        </section>
    }
}
