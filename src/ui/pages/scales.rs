//! Scaling questions: the session screen (every question with the latest answers), answering
//! one (0 to 10, or faces for a child) with follow-up prompts, its history, a family's own
//! questions, and a child's three houses.

use crate::domain::base::id::Id;
use crate::domain::base::sort;
use crate::domain::base::{Problem, ProblemKind};
use crate::domain::help::Reason;
use crate::domain::model::{FaceAnswer, MemberRole, Meta, Respondent, ThreeHouses};
use crate::domain::scale::{self, Asked, LibraryQuestion};
use crate::domain::workspace::action::{Action, ScaleAnswerFields};
use crate::i18n::{respondent, t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::dom::navigate;
use crate::ui::shared::dom::set_title;
use crate::ui::shared::format::{fmt_date, parse_date};
use crate::ui::shared::mode::{family_view, STAFF};
use crate::ui::shared::store::{new_id, now, today, use_store};
use crate::ui::shared::words::{family_reference, lang, PageError};
use crate::ui::widgets::errors::{ErrorSummary, FormErrors};
use crate::ui::widgets::field::{Field, TextArea};
use crate::ui::widgets::help::HelpPanel;
use crate::ui::widgets::history::History;
use crate::ui::widgets::read_aloud::ReadAloud;
use crate::ui::widgets::saved::{Confirmations, Saved};
use leptos::prelude::*;

fn library() -> &'static [LibraryQuestion] {
    &crate::ui::shared::lang::content().questions
}

/// Every open family, to choose whose questions to ask.
#[component]
pub fn ScalesPage() -> impl IntoView {
    set_title(t(Msg::ScalesTitle));
    let store = use_store();
    let rows = move || {
        store.ws.with(|ws| {
            let mut v: Vec<(Id, String)> = ws
                .live_families()
                .filter(|f| f.closed.is_none())
                .map(|f| (f.meta.id.clone(), f.reference.clone()))
                .collect();
            sort::by_key(&mut v, |(_, r)| r.to_ascii_lowercase());
            v
        })
    };
    view! {
        <section class="page">
            <h1 tabindex="-1">{t(Msg::ScalesTitle)}</h1>
            <p>{t(Msg::ScalesIntro)}</p>
            {move || {
                let rows = rows();
                if rows.is_empty() {
                    view! { <div class="empty"><p>{t(Msg::WheelsNoFamilies)}</p><p><a class="button" href=Route::NewFamily.href()>{t(Msg::AddFamily)}</a></p></div> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {rows.into_iter().map(|(id, r)| view! { <li class="card"><a class="card-link" href=Route::ScaleFamily(id).href()>{r}</a></li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The session screen: every question the family is asked, with the latest answers side by side.
#[component]
pub fn ScaleFamilyPage(id: Id) -> impl IntoView {
    let reference = family_reference(&id);
    let id = StoredValue::new(id);
    move || -> Result<AnyView, PageError> {
        let r = reference.get().ok_or(PageError(Msg::FamilyNotFound))?;
        if family_view() {
            set_title(t(Msg::TileQuestions));
        } else {
            set_title(&tf(Msg::ScalesFamilyTitle, &[("ref", r.clone())]));
        }
        Ok(view! { <SessionScreen family=id.get_value() reference=r/> }.into_any())
    }
}

#[component]
fn SessionScreen(family: Id, reference: String) -> impl IntoView {
    let store = use_store();
    let watch = store.watch_family(family.clone());
    let family = StoredValue::new(family);
    let rows = move || {
        watch.with(|ws| {
            ws.questions_today(&family.get_value(), library(), lang())
                .into_iter()
                .map(|q| {
                    let latest = scale::latest_by(&scale::answers(
                        ws.folder_or_empty(&family.get_value())
                            .scale_answers
                            .values(),
                        &family.get_value(),
                        &q.id,
                    ));
                    (q, latest)
                })
                .collect::<Vec<_>>()
        })
    };
    // On the family's own phone: today's questions, in the family's words.
    let for_family = family_view();
    view! {
        <section class="page">
            {if for_family {
                view! { <p><a href=Route::Home.href()>{t(Msg::BackHome)}</a></p> }.into_any()
            } else {
                view! { <p><a href=Route::Scales.href()>{t(Msg::ScalesTitle)}</a></p> }.into_any()
            }}
            <h1 tabindex="-1">{if for_family { t(Msg::TileQuestions).to_string() } else { tf(Msg::ScalesFamilyTitle, &[("ref", reference)]) }}</h1>
            <p>{if for_family { t(Msg::TodaysQuestionsIntro) } else { t(Msg::SessionIntro) }}</p>
            <ul class="card-list">
                {move || rows().into_iter().map(|(q, latest)| {
                    let href = Route::ScaleAsk(family.get_value(), q.id.clone()).href();
                    view! {
                        <li class="card">
                            <a class="card-link" href=href>{q.question.clone()}</a>
                            <p class="meta">{format!("0: {} · 10: {}", q.low, q.high)}</p>
                            <p>{if latest.is_empty() {
                                t(if for_family { Msg::NotAnsweredYet } else { Msg::NotAskedYet }).to_string()
                            } else if for_family {
                                // The family's own latest answer, in the family's words.
                                latest.iter().find(|(by, _, _)| *by == Respondent::Family).or(latest.first())
                                    .map(|(_, v, d)| tf(Msg::YourLastAnswer, &[("n", v.to_string()), ("date", fmt_date(*d))]))
                                    .unwrap_or_default()
                            } else {
                                latest.iter().map(|(by, v, d)| format!("{} {v} ({})", respondent(*by), fmt_date(*d))).collect::<Vec<_>>().join(" · ")
                            }}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(STAFF && !for_family).then(|| view! { <AddQuestion family=family.get_value()/> })}
            <h2>{t(Msg::HousesTitle)}</h2>
            <p>{t(Msg::HousesIntro)}</p>
            <p><a class="button" href=Route::Houses(family.get_value()).href()>{t(Msg::HousesOpen)}</a></p>
        </section>
    }
}

/// Writing a question with the family, in the family's own words.
#[component]
fn AddQuestion(family: Id) -> impl IntoView {
    let store = use_store();
    let family = StoredValue::new(family);
    let question = RwSignal::new(String::new());
    let low = RwSignal::new(String::new());
    let high = RwSignal::new(String::new());
    let errors = FormErrors::new("own");
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let action = Action::AddFamilyQuestion {
            id: new_id(),
            family: family.get_value(),
            question: question.get_untracked(),
            low: low.get_untracked(),
            high: high.get_untracked(),
        };
        errors.submit(store, action, move || {
            for s in [question, low, high] {
                s.try_set(String::new());
            }
            errors.reset();
        });
    };
    view! {
        <details class="disclosure">
            <summary>{t(Msg::OwnQuestion)}</summary>
            <form class="form" on:submit=add novalidate=true>
                <ErrorSummary errors=errors.summary()/>
                <p class="hint">{t(Msg::OwnQuestionHelp)}</p>
                <Field id="own-question" label=t(Msg::OwnQuestionText) value=question check=(errors, "question") required=true/>
                <Field id="own-low" label=t(Msg::OwnLow) value=low check=(errors, "low") required=true/>
                <Field id="own-high" label=t(Msg::OwnHigh) value=high check=(errors, "high") required=true/>
                <div class="actions"><button type="submit" id=errors.save_id() class="button">{t(Msg::OwnQuestionAdd)}</button></div>
            </form>
        </details>
    }
}

/// Answering one question, then its history.
#[component]
pub fn ScaleAskPage(family: Id, question: Id) -> impl IntoView {
    let store = use_store();
    let reference = family_reference(&family);
    let fam = family.clone();
    let qid = question.clone();
    let watch = store.watch_family(family.clone());
    let asked = Memo::new(move |_| {
        watch.with(|ws| {
            scale::asked_for(
                ws.folder_or_empty(&fam).questions.values(),
                &fam,
                library(),
                lang(),
            )
            .into_iter()
            .find(|q| q.id == qid)
        })
    });
    let family = StoredValue::new(family);
    move || -> Result<AnyView, PageError> {
        reference.get().ok_or(PageError(Msg::FamilyNotFound))?;
        let q = asked.get().ok_or(PageError(Msg::QuestionNotFound))?;
        set_title(&q.question);
        Ok(view! { <AskOne family=family.get_value() q=q/> }.into_any())
    }
}

/// The five faces a child chooses from (saddest first), drawn as small SVG markup.
fn face_svg(face: u8) -> String {
    let mouth = match face {
        1 => "M12 27 Q20 19 28 27",
        2 => "M13 26 Q20 22 27 26",
        3 => "M13 25 L27 25",
        4 => "M13 23 Q20 28 27 23",
        _ => "M12 22 Q20 31 28 22",
    };
    format!(
        "<svg viewBox=\"0 0 40 40\" width=\"48\" height=\"48\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"20\" cy=\"20\" r=\"18\" fill=\"var(--c-warn-soft, #fff4d6)\" stroke=\"currentColor\" stroke-width=\"2\"/><circle cx=\"14\" cy=\"16\" r=\"2\" fill=\"currentColor\"/><circle cx=\"26\" cy=\"16\" r=\"2\" fill=\"currentColor\"/><path d=\"{mouth}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.5\" stroke-linecap=\"round\"/></svg>"
    )
}

#[component]
fn AskOne(family: Id, q: Asked) -> impl IntoView {
    let store = use_store();
    let family = StoredValue::new(family);
    let qid = StoredValue::new(q.id.clone());
    let by = RwSignal::new(Respondent::Family);
    let value = RwSignal::new(None::<u8>);
    let face = RwSignal::new(None::<u8>);
    let keeps = RwSignal::new(String::new());
    let higher = RwSignal::new(String::new());
    let notice = RwSignal::new(String::new());
    let confidence = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let errors = FormErrors::new("scale");
    let for_family = family_view();
    let saved = Confirmations::get();
    // Where this question is among the family's questions, and the one after it.
    let (place, total, next) = store.ws.with_untracked(|ws| {
        let all = ws.questions_today(&family.get_value(), library(), lang());
        let at = all.iter().position(|a| a.id == q.id).unwrap_or(0);
        (at + 1, all.len(), all.get(at + 1).map(|a| a.id.clone()))
    });
    let next_link = next.clone();
    let child_mode = move || by.get() == Respondent::Child;
    let children: Vec<(Id, String)> = store.ws.with_untracked(|ws| {
        ws.live_members_of(&family.get_value())
            .filter(|m| m.role == MemberRole::Child)
            .map(|m| (m.meta.id.clone(), m.name.clone()))
            .collect()
    });
    let child = RwSignal::new(children.first().map(|c| c.0.clone()));
    let child_words = q.child.clone();
    let question_text = q.question.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let is_child = by.get_untracked() == Respondent::Child;
        let (v, f) = if is_child {
            match face.get_untracked() {
                Some(f) => (
                    scale::face_value(f, scale::FACES_V1),
                    Some(FaceAnswer {
                        face: f,
                        mapping: scale::FACES_V1.into(),
                    }),
                ),
                None => (None, None),
            }
        } else {
            (value.get_untracked(), None)
        };
        let d = parse_date(&date.get_untracked());
        let mut missing = Vec::new();
        if v.is_none() {
            missing.push(Problem::new("value", ProblemKind::Required));
        }
        if d.is_none() {
            missing.push(Problem::new("date", ProblemKind::Required));
        }
        let (Some(v), Some(d)) = (v, d) else {
            errors.show(missing);
            return;
        };
        let fields = ScaleAnswerFields {
            id: new_id(),
            family: family.get_value(),
            child: if is_child {
                child.get_untracked()
            } else {
                None
            },
            question: qid.get_value(),
            date: d,
            by: by.get_untracked(),
            value: v,
            face: f,
            keeps: keeps.get_untracked(),
            higher: higher.get_untracked(),
            notice: notice.get_untracked(),
            confidence: confidence.get_untracked().trim().parse().ok(),
        };
        // A family goes on to the next question (the last one back to the list); a worker
        // back to the session screen. Either way the page opens saying it was saved.
        let (to, last) = match (for_family, next.clone()) {
            (true, Some(n)) => (Route::ScaleAsk(family.get_value(), n), false),
            (true, None) => (Route::ScaleFamily(family.get_value()), true),
            (false, _) => (Route::ScaleFamily(family.get_value()), false),
        };
        errors.submit(
            store,
            Action::RecordScaleAnswer(Box::new(fields)),
            move || {
                saved.confirm(to.clone(), Saved::Answer { last });
                store.notice.set(None);
                navigate(&to);
            },
        );
    };
    let low = q.low.clone();
    let high = q.high.clone();
    let asked_safety = q.clone();
    let spoken = {
        let (question_text, child_words, low, high) = (
            question_text.clone(),
            child_words.clone(),
            low.clone(),
            high.clone(),
        );
        Signal::derive(move || {
            let q = if child_mode() {
                child_words.clone().unwrap_or_else(|| question_text.clone())
            } else {
                question_text.clone()
            };
            tf(
                Msg::SpeakScale,
                &[("q", q), ("low", low.clone()), ("high", high.clone())],
            )
        })
    };
    view! {
        <section class="page">
            <p><a href=Route::ScaleFamily(family.get_value()).href()>{if for_family { t(Msg::BackToTodaysQuestions) } else { t(Msg::BackToQuestions) }}</a></p>
            <ErrorSummary errors=errors.summary()/>
            <div class="step-top">
                {for_family.then(|| view! { <p class="progress-text">{tf(Msg::QuestionOf, &[("n", place.to_string()), ("total", total.to_string())])}</p> })}
                <ReadAloud text=spoken/>
            </div>
            <h1 tabindex="-1">{move || if child_mode() { child_words.clone().unwrap_or_else(|| question_text.clone()) } else { question_text.clone() }}</h1>
            <form class="form" on:submit=save novalidate=true>
                <fieldset class="choice">
                    <legend>{t(Msg::WhoIsAnswering)}</legend>
                    // On the family's own phone: me, or my child (with faces); no worker.
                    {(if for_family { vec![Respondent::Family, Respondent::Child] } else { vec![Respondent::Family, Respondent::Worker, Respondent::Child] })
                        .into_iter().map(|r| view! {
                        <label><input type="radio" name="scale-by" prop:checked=move || by.get() == r on:change=move |_| { by.set(r); errors.clear("value"); }/>{
                            match (for_family, r) {
                                (true, Respondent::Family) => t(Msg::AnsweringMe),
                                (true, _) => t(Msg::AnsweringMyChild),
                                _ => respondent(r),
                            }
                        }</label>
                    }).collect_view()}
                </fieldset>
                {move || (child_mode() && children.len() > 1).then(|| view! {
                    <fieldset class="choice">
                        <legend>{t(Msg::WhichChild)}</legend>
                        {children.clone().into_iter().map(|(cid, name)| {
                            let c2 = cid.clone();
                            view! { <label><input type="radio" name="scale-child" prop:checked=move || child.get().as_ref() == Some(&cid) on:change=move |_| child.set(Some(c2.clone()))/>{name}</label> }
                        }).collect_view()}
                    </fieldset>
                })}
                {move || if child_mode() {
                    view! {
                        <fieldset class="faces" class:field-error=move || errors.at("value").get().is_some()>
                            <legend>{t(Msg::FacesLegend)}</legend>
                            {move || errors.at("value").get().map(|e| view! { <p class="error-text" id="scale-value-error">{e}</p> })}
                            {(1..=5u8).map(|f| view! {
                                <label class="face">
                                    <input type="radio" name="face" id=(f == 1).then_some("scale-value") prop:checked=move || face.get() == Some(f) on:change=move |_| { face.set(Some(f)); errors.clear("value"); }/>
                                    <span inner_html=face_svg(f)></span>
                                    <span>{t([Msg::Face1, Msg::Face2, Msg::Face3, Msg::Face4, Msg::Face5][usize::from(f - 1)])}</span>
                                </label>
                            }).collect_view()}
                        </fieldset>
                    }.into_any()
                } else {
                    let (low, high) = (low.clone(), high.clone());
                    view! {
                        <fieldset class="scale" class:field-error=move || errors.at("value").get().is_some()>
                            <legend>{t(Msg::WhereNow)}</legend>
                            {move || errors.at("value").get().map(|e| view! { <p class="error-text" id="scale-value-error">{e}</p> })}
                            <div class="scale-row">
                                {(0..=10u8).map(|v| view! {
                                    <label class="scale-point">
                                        <input type="radio" name="scale-value" id=(v == 0).then_some("scale-value") prop:checked=move || value.get() == Some(v) on:change=move |_| { value.set(Some(v)); errors.clear("value"); }/>
                                        <span>{v.to_string()}</span>
                                    </label>
                                }).collect_view()}
                            </div>
                            <div class="scale-ends"><span>{format!("0: {low}")}</span><span>{format!("10: {high}")}</span></div>
                        </fieldset>
                        {move || value.get().map(|v| view! { <p class="big-number" aria-hidden="true">{v.to_string()}</p> })}
                    }.into_any()
                }}
                // Where a child chose the saddest face, or the answer says home is not safe:
                // where to get help, beside the answer (which is kept).
                {move || {
                    let reason = if child_mode() {
                        face.get().filter(|f| scale::face_needs_help(*f)).map(|_| Reason::SaddestFace)
                    } else {
                        value.get().filter(|v| asked_safety.needs_help(*v)).map(|_| Reason::LowOnSafety)
                    };
                    reason.map(|r| view! { <HelpPanel reason=r/> })
                }}
                <details class="disclosure">
                    <summary>{t(Msg::TalkAboutIt)}</summary>
                    <TextArea id="scale-keeps" label=t(Msg::FollowKeeps) value=keeps/>
                    <TextArea id="scale-higher" label=t(Msg::FollowHigher) value=higher/>
                    <TextArea id="scale-notice" label=t(Msg::FollowNotice) value=notice/>
                    <Field id="scale-confidence" label=t(Msg::FollowConfidence) kind="number" value=confidence/>
                </details>
                // A family answers for today; a worker may record an answer from another day.
                {(!for_family).then(|| view! { <Field id="scale-date" label=t(Msg::AnswerDate) kind="date" value=date check=(errors, "date")/> })}
                // On the family's phone saving (or moving on) is always on screen.
                <div class="actions" class:sticky-actions=for_family>
                    <button type="submit" id=errors.save_id() class="button button-primary">{t(Msg::SaveAnswer)}</button>
                    {(for_family).then(|| next_link.clone().map(|n| view! { <a class="button" href=Route::ScaleAsk(family.get_value(), n).href()>{t(Msg::NextQuestion)}</a> }))}
                </div>
            </form>
            <History family=family.get_value() q=q.clone()/>
            {q.own.then(|| view! {
                <h2>{t(Msg::StopAsking)}</h2>
                <p>{t(Msg::StopAskingHelp)}</p>
                <p><button type="button" class="button button-danger" on:click=move |_| {
                    if store.dispatch(Action::ArchiveFamilyQuestion { id: qid.get_value() }, true).is_ok() {
                        navigate(&Route::ScaleFamily(family.get_value()));
                    }
                }>{t(Msg::StopAsking)}</button></p>
            })}
        </section>
    }
}

/// "Three houses" on the family's own phone, "Three houses: {ref}" for a worker.
fn houses_title(reference: &str) -> String {
    if family_view() {
        t(Msg::HousesTitle).into()
    } else {
        tf(Msg::HousesFor, &[("ref", reference.into())])
    }
}

/// A child's three houses: worries, good things and wishes, in the child's own words.
#[component]
pub fn HousesPage(family: Id) -> impl IntoView {
    let reference = family_reference(&family);
    let family = StoredValue::new(family);
    move || -> Result<AnyView, PageError> {
        let r = reference.get().ok_or(PageError(Msg::FamilyNotFound))?;
        set_title(&houses_title(&r));
        Ok(view! { <Houses family=family.get_value() reference=r/> }.into_any())
    }
}

#[component]
fn Houses(family: Id, reference: String) -> impl IntoView {
    let store = use_store();
    let family = StoredValue::new(family);
    let children = store.ws.with_untracked(|ws| {
        ws.live_members_of(&family.get_value())
            .filter(|m| m.role == MemberRole::Child)
            .map(|m| (m.meta.id.clone(), m.name.clone()))
            .collect::<Vec<_>>()
    });
    let child = RwSignal::new(children.first().map(|c| c.0.clone()));
    let by_child = RwSignal::new(true);
    let worries = RwSignal::new(String::new());
    let good = RwSignal::new(String::new());
    let wishes = RwSignal::new(String::new());
    let errors = FormErrors::new("houses");
    let saved = Confirmations::get();
    let worried = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let h = ThreeHouses {
            meta: Meta::new(new_id(), now(), new_id()),
            family: family.get_value(),
            child: child.get_untracked(),
            date: today(),
            worries: worries.get_untracked(),
            good: good.get_untracked(),
            wishes: wishes.get_untracked(),
            by_child: by_child.get_untracked(),
        };
        let worry = h.has_worry();
        errors.submit(store, Action::SaveThreeHouses(Box::new(h)), move || {
            for s in [worries, good, wishes] {
                s.try_set(String::new());
            }
            errors.reset();
            // A worry saved keeps where to get help on the page.
            worried.try_set(worry);
            saved.confirm(Route::Houses(family.get_value()), Saved::Houses);
            store.notice.set(None);
        });
    };
    let watch = store.watch_family(family.get_value());
    let past = move || {
        watch.with(|ws| {
            let mut v: Vec<ThreeHouses> = ws
                .folder_or_empty(&family.get_value())
                .three_houses
                .values()
                .filter(|h| !h.meta.deleted && h.family == family.get_value())
                .cloned()
                .collect();
            sort::by(&mut v, |a, b| {
                b.date
                    .cmp(&a.date)
                    .then(b.meta.created.cmp(&a.meta.created))
            });
            let names: Vec<(Id, String)> = ws
                .live_members_of(&family.get_value())
                .map(|m| (m.meta.id.clone(), m.name.clone()))
                .collect();
            v.into_iter()
                .map(|h| {
                    let name = h
                        .child
                        .as_ref()
                        .and_then(|c| names.iter().find(|n| &n.0 == c))
                        .map(|n| n.1.clone());
                    (h, name)
                })
                .collect::<Vec<_>>()
        })
    };
    let house = |label: Msg, hint: Msg, id: &'static str, value: RwSignal<String>| {
        view! {
            <div class="house">
                <label for=id>{t(label)}</label>
                <p class="hint">{t(hint)}</p>
                // Any of the three houses answers "write something in at least one".
                <textarea id=id rows="4" prop:value=move || value.get() on:input=move |ev| { value.set(event_target_value(&ev)); errors.clear("worries"); }></textarea>
            </div>
        }
    };
    view! {
        <section class="page">
            <p><a href=Route::ScaleFamily(family.get_value()).href()>{t(Msg::BackToQuestions)}</a></p>
            <h1 tabindex="-1">{houses_title(&reference)}</h1>
            <p>{t(Msg::HousesIntro)}</p>
            <form class="form" on:submit=save novalidate=true>
                <ErrorSummary errors=errors.summary()/>
                {(!children.is_empty()).then(|| view! {
                    <fieldset class="choice">
                        <legend>{t(Msg::WhichChild)}</legend>
                        {children.clone().into_iter().map(|(cid, name)| {
                            let c2 = cid.clone();
                            view! { <label><input type="radio" name="houses-child" prop:checked=move || child.get().as_ref() == Some(&cid) on:change=move |_| child.set(Some(c2.clone()))/>{name}</label> }
                        }).collect_view()}
                    </fieldset>
                })}
                {move || errors.at("worries").get().map(|e| view! { <p class="error-text" id="houses-error">{e}</p> })}
                <div class="houses" class:field-error=move || errors.at("worries").get().is_some()>
                    {house(Msg::HouseWorries, Msg::HouseWorriesHint, "houses-worries", worries)}
                    {house(Msg::HouseGood, Msg::HouseGoodHint, "houses-good", good)}
                    {house(Msg::HouseWishes, Msg::HouseWishesHint, "houses-wishes", wishes)}
                </div>
                // A worry written in the first house: where to get help, beside it.
                {move || (worried.get() || !worries.with(|w| w.trim().is_empty())).then(|| view! { <HelpPanel reason=Reason::Worry/> })}
                <div class="choice">
                    <label><input type="checkbox" prop:checked=move || by_child.get() on:change=move |_| by_child.update(|b| *b = !*b)/>{t(Msg::TypedByChild)}</label>
                </div>
                <div class="actions"><button type="submit" id=errors.save_id() class="button button-primary">{t(Msg::HousesSave)}</button></div>
            </form>
            {move || {
                let past = past();
                (!past.is_empty()).then(|| view! {
                    <h2>{t(Msg::HousesPast)}</h2>
                    {past.into_iter().map(|(h, name)| view! {
                        <article class="card">
                            <h3>{format!("{}{}", fmt_date(h.date), name.map(|n| format!(" · {n}")).unwrap_or_default())}</h3>
                            <p class="meta">{if h.by_child { t(Msg::TypedByChild) } else { t(Msg::WrittenForChild) }}</p>
                            <dl class="details">
                                <dt>{t(Msg::HouseWorries)}</dt><dd class="pre">{h.worries.clone()}</dd>
                                <dt>{t(Msg::HouseGood)}</dt><dd class="pre">{h.good.clone()}</dd>
                                <dt>{t(Msg::HouseWishes)}</dt><dd class="pre">{h.wishes.clone()}</dd>
                            </dl>
                        </article>
                    }).collect_view()}
                })
            }}
        </section>
    }
}
