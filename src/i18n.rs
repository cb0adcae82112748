//! Every word the interface shows goes through here. A small catalogue of our own rather than
//! `leptos_i18n`: one enum of messages (a missing or misspelt message is a compile error), the
//! English compiled in, `{name}` placeholders, and nothing added to start-up or the wasm beyond
//! the strings themselves. Other languages are catalogues (`public/lang/<code>.json`) fetched
//! only when someone chooses that language, so English-speaking users pay nothing for them and
//! a new language needs no new build of the code. See docs/translating.md.

#[cfg(feature = "staff")]
use crate::domain::base::json::Binary;
use crate::domain::base::json::{from_json, JsonError, ReadError};
use crate::domain::base::sort;
use crate::domain::base::{Problem, ProblemKind, Respondent};
use crate::domain::case::{ClosureReason, ConsentItem, GoalStatus, MemberRole};
use serde::Deserialize;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// A language Waymark ships.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ur,
    Pl,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ur, Lang::Pl];

    /// The code used for the catalogue's file name and as the key of content texts.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ur => "ur",
            Lang::Pl => "pl",
        }
    }
    /// The BCP 47 tag for `<html lang>` and for choosing a voice.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::Ur => "ur",
            Lang::Pl => "pl",
        }
    }
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ur => "rtl",
            _ => "ltr",
        }
    }
    /// The language's name in itself, as people look for it in a list.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ur => "اردو",
            Lang::Pl => "Polski",
        }
    }
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// A language catalogue as shipped in `public/lang/<code>.json`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Always "waymark-language".
    pub format: String,
    pub version: u32,
    pub lang: String,
    pub dir: String,
    /// "draft" until a fluent reader has checked every line; "checked" after.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub note: String,
    /// Interface words, keyed by message name (`Msg::key`).
    pub ui: BTreeMap<String, String>,
    /// Built-in content, keyed as in `domain::content`.
    #[serde(default)]
    pub content: BTreeMap<String, String>,
}

/// Why a catalogue could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogueError {
    NotJson,
    NotACatalogue,
    WrongLanguage,
}

/// Reads a catalogue and checks it is the one asked for.
pub fn parse_catalogue(text: &str, lang: Lang) -> Result<Catalogue, CatalogueError> {
    let c: Catalogue = from_json(text).map_err(|e| match e {
        JsonError::Shape => CatalogueError::NotACatalogue,
        JsonError::Syntax => CatalogueError::NotJson,
    })?;
    if c.format != "waymark-language" || c.version != 1 {
        return Err(CatalogueError::NotACatalogue);
    }
    if c.lang != lang.code() || c.dir != lang.dir() {
        return Err(CatalogueError::WrongLanguage);
    }
    Ok(c)
}

/// The `{name}` placeholders in a text, sorted. A plural block `{n:one=# family;other=#
/// families}` counts as the placeholder `n` (each language has its own forms).
pub fn placeholders(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = s
        .split('{')
        .skip(1)
        .filter_map(|p| {
            p.split_once('}')
                .map(|(k, _)| k.split(':').next().unwrap_or(k))
        })
        .collect();
    sort::sort(&mut out);
    out
}

/// The plural form a whole number takes in a language (the CLDR rules): `one`, `few`, `many`
/// or `other`.
pub fn plural_form(lang: Lang, n: u64) -> &'static str {
    match lang {
        Lang::En | Lang::Ur => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
        Lang::Pl => {
            let (m10, m100) = (n % 10, n % 100);
            if n == 1 {
                "one"
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                "few"
            } else {
                "many"
            }
        }
    }
}

/// Picks the form for `n` from a plural block's forms (`one=# family;other=# families`), with
/// `#` as the number; `other` where the language's form is missing.
fn plural(forms: &str, n: &str) -> String {
    let count: u64 = n.parse().unwrap_or(0);
    let want = plural_form(current(), count);
    let mut fallback = "";
    for part in forms.split(';') {
        let Some((k, text)) = part.split_once('=') else {
            continue;
        };
        if k.trim() == want {
            return text.replace('#', n);
        }
        if k.trim() == "other" {
            fallback = text;
        }
    }
    fallback.replace('#', n)
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
    static TABLE: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// Makes `lang` the interface language, with the words in `ui` (by message name). A message
/// missing from `ui`, blank, or with different placeholders from the English stays in English,
/// so a half-finished catalogue never shows a broken sentence. Returns how many were English.
pub fn install(lang: Lang, ui: &BTreeMap<String, String>) -> usize {
    let mut english = 0;
    let table: Vec<&'static str> = Msg::ALL
        .iter()
        .map(|m| match ui.get(m.key()) {
            Some(s)
                if lang != Lang::En
                    && !s.trim().is_empty()
                    && placeholders(s) == placeholders(m.english()) =>
            {
                &*Box::leak(s.clone().into_boxed_str())
            }
            _ => {
                english += 1;
                m.english()
            }
        })
        .collect();
    TABLE.with(|t| *t.borrow_mut() = if lang == Lang::En { Vec::new() } else { table });
    CURRENT.with(|c| c.set(lang));
    if lang == Lang::En {
        0
    } else {
        english
    }
}

/// The interface language.
pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

macro_rules! catalogue {
    ($($name:ident => $en:expr,)* ; $($sname:ident => $sen:expr,)*) => {
        /// A message of the interface. The messages after the `;` exist only in the staff
        /// build: the family's build carries neither their words nor their names (a use of one
        /// there does not compile).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($name,)* $(#[cfg(feature = "staff")] $sname,)* }
        impl Msg {
            #[cfg(feature = "staff")]
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)* $(Msg::$sname,)*];
            #[cfg(not(feature = "staff"))]
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];
            /// The words in English, as compiled in.
            pub fn english(self) -> &'static str {
                match self {
                    $(Msg::$name => $en,)*
                    $(#[cfg(feature = "staff")] Msg::$sname => $sen,)*
                }
            }
            /// The message's name in catalogues.
            pub fn key(self) -> &'static str {
                match self {
                    $(Msg::$name => stringify!($name),)*
                    $(#[cfg(feature = "staff")] Msg::$sname => stringify!($sname),)*
                }
            }
        }
    };
}

catalogue! {
    AppName => "Waymark",
    Language => "Language",
    ChooseLanguage => "Choose your language",
    LanguageNotSaved => "We couldn't keep your choice of language on this device, so nothing has changed.",
    LanguageNotLoaded => "We couldn't load {lang} just now, so Waymark is in English. Try again when you have a signal.",
    SkipToContent => "Skip to main content",
    MainNav => "Main",
    NavHome => "Home",
    NavFamilies => "Families",
    NavWheels => "Wheels",
    NavMilestones => "Milestones",
    NavScales => "Scales",
    NavReports => "Reports",
    NavData => "Your data",
    Loading => "Loading Waymark…",
    HomeTitle => "Welcome to Waymark",
    HomeIntro => "Waymark helps families and workers see what is changing, one small step at a time.",
    FirstUseIntro => "Waymark helps you see what is changing for your family, one small step at a time. Everything stays on this device.",
    HomePrivacy => "Everything you enter stays on this device. Nothing is sent anywhere. You can save a copy as a file on the \"Your data\" page.",
    FamilyHomePrivacy => "Everything you enter stays on this phone. Nothing is sent anywhere unless you share it. You can save a copy in Settings.",
    HomeStart => "Start with a family",
    HomeFamiliesCount => "You have {n:one=# open family;other=# open families} and {c} closed.",
    NotFoundTitle => "We can't find that page",
    NotFoundBody => "The link may be old or mistyped. Nothing has been lost.",
    GoHome => "Go to the home page",
    ErrorTitle => "Something went wrong on this page",
    ErrorSummaryTitle => "There is a problem",
    ErrorBody => "Your saved information is safe. Try going back, or reload the page.",
    WheelsTitle => "Outcome wheels",
    WheelsNoFamilies => "Add a family first. Then you can score a wheel with them.",
    ReviewDue => "Next review {date}",
    ReviewDueSoon => "Review due soon: {date}",
    ReviewOverdue => "Review overdue since {date}",
    FamilyReviewDue => "Do your wheel again around {date}",
    FamilyReviewDueSoon => "Time to do your wheel again soon: {date}",
    FamilyReviewOverdue => "Time to do your wheel again (since {date})",
    FamilyWheelsTitle => "Wheels: {ref}",
    StartReading => "Score a wheel",
    ContinueReading => "Carry on with the wheel you started",
    DraftWaiting => "You have a wheel you started and didn't finish ({n} of {total} areas scored).",
    DiscardDraft => "Throw it away",
    WhichWheel => "Which wheel?",
    WhoIsScoring => "Who is scoring?",
    ReadingDate => "Date of the reading",
    HowToScore => "How would you like to score?",
    OneAtATime => "One area at a time (best on a phone)",
    WholeWheel => "The whole wheel on one screen",
    Start => "Start",
    AreaOf => "Area {n} of {total}",
    WhichStage => "Which of these is most like things right now?",
    WhichPoint => "Is it nearer the start or the end of this step?",
    ChooseACard => "Choose the card that is most like things now, or skip this area.",
    PointLow => "{n}: just at this step",
    PointHigh => "{n}: nearly at the next step",
    MoreForArea => "More about this area: a note, a next step",
    AreaNote => "Note",
    NextStep => "What would one step up look like?",
    Priority => "This is one of our top 3 things to work on",
    PriorityFull => "You have chosen 3 already. Untick one to choose this one.",
    Back => "Back",
    Next => "Next",
    Skip => "Skip this area",
    NotNowLeave => "Not now (we'll keep your place)",
    ReviewTitle => "Check your answers",
    NotScored => "Not scored",
    NotScoredShort => "not scored",
    ChangeArea => "Change {area}",
    Change => "Change",
    FinishSave => "Save this wheel",
    NeedOneScore => "Score at least one area first.",
    ScoreFor => "Score for {area}",
    OtherView => "The other view, if different",
    RadarTitle => "{wheel} for {ref}",
    RadarDesc => "A radar with {n} areas, each spoke named, scored 1 to 10 from the centre outwards. It shows {series}. The same values are in the table below.",
    SeriesFirst => "the first time ({date})",
    SeriesPrevious => "the time before ({date})",
    SeriesLatest => "the latest ({date})",
    LegendFirst => "First",
    LegendPrevious => "Previous",
    LegendLatest => "Latest",
    TableArea => "Area",
    TableChange => "Change since first",
    DistanceSummary => "{up:one=# area;other=# areas} up, {same} the same, {down} down. Average change since the first reading: {avg}.",
    ChangeUp => "{area}: up {n}, from {from} to {to}",
    ChangeDown => "{area}: down {n}, from {from} to {to}",
    ChangeSame => "{area}: the same ({stage})",
    OnlyOneReading => "This is the first reading. After the next one you will see the distance travelled.",
    FamilyOnlyOne => "This is your first wheel. When you do it again, you will see what has changed.",
    FamilyDistanceSummary => "Since your first wheel: {up:one=# area;other=# areas} up, {same} the same, {down} down. On average each area has moved {avg}.",
    DownloadSvg => "Save the picture (SVG)",
    ReadingsList => "All readings",
    FamilyReadingsList => "All your wheels",
    ReadingLine => "{date} · {wheel} · {by} · {n:one=# area;other=# areas}",
    EditReadingLabel => "Edit the wheel of {date}",
    DeleteReadingLabel => "Delete the wheel of {date}",
    Edit => "Edit",
    UnknownTemplate => "A wheel this device does not have",
    Priorities => "Top things to work on",
    LoadWheelDone => "You can now use {name}.",
    ScalesTitle => "Scaling questions",
    AgeMonthsWeeks => "{m:one=# month;other=# months} and {w:one=# week;other=# weeks}",
    AgeWithCorrected => "{age} (corrected age {corrected})",
    OnTrack => "On track",
    KeepAnEye => "Keep an eye",
    NeedsExtraHelp => "Needs extra help",
    NoChecksYet => "No checks yet.",
    BackToFamily => "Back to the family",
    AnswerOneMilestone => "Answer at least one milestone first.",
    ChangedByWorker => "(changed by the worker)",
    Actions => "Referrals and actions",
    ScalesIntro => "Choose a family to ask this session's questions: where are things now, from 0 to 10?",
    ScalesFamilyTitle => "Questions: {ref}",
    SessionIntro => "Ask each question again this session. The latest answers are shown under each one.",
    TodaysQuestionsIntro => "Answer each question for how things are today. Next time, you can see how your answers have changed.",
    YourLastAnswer => "Your last answer: {n} ({date})",
    NotAskedYet => "Not asked yet",
    NotAnsweredYet => "You have not answered this yet.",
    OwnQuestion => "Write a question in your own words",
    OwnQuestionHelp => "With the family, write the question and what 0 and 10 mean to them.",
    OwnQuestionText => "The question",
    OwnLow => "0 means",
    OwnHigh => "10 means",
    OwnQuestionAdd => "Add this question",
    QuestionNotFound => "We can't find this question.",
    BackToQuestions => "Back to the questions",
    BackToTodaysQuestions => "Back to today’s questions",
    WhoIsAnswering => "Who is answering?",
    AnsweringMe => "Me",
    AnsweringMyChild => "My child (with faces)",
    WhereNow => "Where are things now?",
    FacesLegend => "Which face is most like you?",
    Face1 => "Very sad",
    Face2 => "Sad",
    Face3 => "In the middle",
    Face4 => "Happy",
    Face5 => "Very happy",
    ChooseANumber => "Choose a number (or a face) first.",
    TalkAboutIt => "Talk about it",
    FollowKeeps => "What keeps it at this number, and not lower?",
    FollowHigher => "What would one point higher look like?",
    FollowNotice => "Who would notice?",
    FollowConfidence => "How sure are you it will get there? (0 to 10, if you like)",
    AnswerDate => "Date",
    SaveAnswer => "Save this answer",
    Answer => "Answer",
    HowItsChanged => "How it has changed",
    ScaleChange => "{by}: {n} since the first answer ({from} to {to})",
    GapNone => "The family and the worker see it the same.",
    GapFamilyHigher => "The family's latest answer is {n} higher than the worker's.",
    GapWorkerHigher => "The worker's latest answer is {n} higher than the family's.",
    ChartDesc => "A chart of {n} answers over time, 0 at the bottom and 10 at the top, one line for each person. The same answers are in the table below.",
    FaceAnswered => "face {face} of 5 (counted as {v})",
    HousesTitle => "Three houses",
    StopAsking => "Stop asking this question",
    StopAskingHelp => "Its answers are kept. You can undo straight after.",
    DeleteAnswerLabel => "Delete the {by} answer of {date}",
    HousesIntro => "A child's worries, good things and wishes, in their own words.",
    HousesOpen => "Open the three houses",
    HousesFor => "Three houses: {ref}",
    WhichChild => "Which child?",
    HouseWorries => "House of worries",
    HouseWorriesHint => "What worries you?",
    HouseGood => "House of good things",
    HouseGoodHint => "What is good in your life?",
    HouseWishes => "House of wishes",
    HouseWishesHint => "What do you wish for?",
    TypedByChild => "Typed by the child",
    WrittenForChild => "Written down for the child",
    HousesSave => "Keep these houses",
    HousesEmpty => "Write something in at least one house first.",
    HousesPast => "Houses kept before",
    Saved => "Saved",
    Undo => "Undo",
    Undone => "Undone",
    Dismiss => "Dismiss",
    NotNow => "Not now",
    UpdatedElsewhere => "Updated with changes from another tab",
    NotSavedKept => "This was not saved, so nothing has changed. What you typed is still here: try again. If it happens again, this device may be out of room.",
    SaveFailed => "We couldn't save that change, so it has not been made. This device's storage may be full or turned off. Save a copy on \"Your data\", then delete old closed families to make room.",
    ReadOnlyNewer => "Some saved data was made by a newer version of Waymark. To keep it safe, this version will not change anything. Please reload to get the newest version.",
    ReadOnlyRefused => "This version of Waymark can only look, not change (see the note at the top).",
    StorageOff => "This browser is not letting Waymark save anything (private browsing or storage turned off). What you enter now will be lost when you close the page.",
    UnreadableKept => "Some saved data could not be read. It has been left as it was, untouched.",
    AddFamily => "Add a family",
    Worker => "Worker",
    Cancel => "Cancel",
    OpenedOn => "Opened {date}",
    ClosedOn => "Closed {date}",
    FamilyNotFound => "We can't find this family. It may have been deleted.",
    RoleAdult => "Adult",
    RoleChild => "Child",
    Delete => "Delete",
    Deleted => "Deleted",
    Archived => "We'll stop asking that question. Its answers are kept.",
    Imported => "Brought in",
    DataTitle => "Your data",
    DataIntro => "Waymark keeps everything on this device, in this browser. Nothing is sent anywhere unless you save a file and share it yourself.",
    StorageUsed => "Storage used",
    StorageEstimate => "{used} used of {quota} this browser lets Waymark use ({pct}%).",
    StorageUnknown => "This browser does not say how much room is left. Save a copy as a file now and then, so nothing is lost if it runs out.",
    RoomShort => "This device is running short of room for Waymark. Save a copy on \"Your data\", then delete old closed families to make room.",
    NotMovedYet => "Some saved data could not be moved to this version's storage yet. It is kept and shown as it was; Waymark will try again next time it opens.",
    StorageKept => "This browser has agreed to keep Waymark's data.",
    StorageNotKept => "This browser may clear Waymark's data if the device runs short of space. Saving a copy as a file keeps it safe.",
    ExportTitle => "Save a copy",
    ExportAll => "Save everything as a file",
    ExportHelp => "The file is named with today's date. Keep it somewhere safe: it holds information about families.",
    ExportHelpFamily => "The file is named with today’s date. Keep it somewhere safe: it holds your family’s answers.",
    LastExport => "Last saved as a file: {date}.",
    NeverExported => "Not saved as a file yet.",
    ExportReminder => "It's been a while since you saved a copy of your data. Would you like to save one now?",
    ChooseFile => "Choose a file",
    ImportFamiliesNamed => "Families: {list}",
    ImportFamiliesMore => "Families: {list} and {n:one=# more;other=# more}",
    ErrNotUtf8 => "This file's text is not saved as UTF-8, so some letters would be lost. Save or export it again as UTF-8 (Waymark's own files always are) and choose it again.",
    ErrTooLarge => "The file is too big ({mb} MB). Waymark can bring in files of up to {max} MB.",
    ErrNotJson => "This isn't a Waymark file: it can't be read (line {line}, column {col}).",
    ErrTooDeep => "This file is nested too deeply to be a Waymark file.",
    ErrNotWaymark => "This file isn't a Waymark file.",
    ErrNewer => "This file was made by a newer version of Waymark (format {v}). Please update Waymark first.",
    ErrUnsupported => "This file uses an old format ({v}) that this version can't read.",
    ErrReadFailed => "The file couldn't be opened.",
    DeleteAllTitle => "Delete all my data",
    DeleteAllHelp => "This removes every family and reading Waymark has stored on this device. It can't be undone. Save a copy first if you may need it.",
    DeleteAllHelpFamily => "This removes everything you have entered on this phone. It can’t be undone. Save a copy first if you may need it.",
    DeleteAllConfirmLabel => "Type DELETE to confirm",
    DeleteAllButton => "Delete everything",
    DeleteAllDone => "All Waymark data has been deleted from this device.",
    DeleteAllWord => "DELETE",
    DeleteAllTypeFirst => "Type DELETE in the box first.",
    PInRecord => "{where}: {what}",
    PRecord => "{name}, record {n}",
    Jan => "Jan",
    Feb => "Feb",
    Mar => "Mar",
    Apr => "Apr",
    May => "May",
    Jun => "Jun",
    Jul => "Jul",
    Aug => "Aug",
    Sep => "Sep",
    Oct => "Oct",
    Nov => "Nov",
    Dec => "Dec",
    PRequired => "this is needed",
    PTooLong => "this is too long (at most {max} characters)",
    POutOfRange => "this must be from {min} to {max}",
    PDateInFuture => "this date is in the future",
    PDateImplausible => "this date can't be right",
    PUnknownFamily => "this belongs to a family that isn't in the file",
    PUnknownChild => "this belongs to a child who isn't in the family",
    PBirthOrDue => "a child needs a date of birth or a due date (one, not both)",
    PDuplicate => "this appears twice",
    PBadTimestamp => "a time in the record can't be right",
    PUnknownField => "\"{name}\" is not part of the Waymark format",
    PMissingField => "\"{name}\" is missing",
    PWrongType => "this has the wrong kind of value",
    PUnknownChoice => "\"{name}\" is not one of the allowed choices",
    PBadValue => "this value can't be read",
    PNotAPhoneNumber => "Enter a phone number in digits, such as 0121 303 1888.",
    PUnknownQuestion => "this answers a question that isn't there",
    FBirthOrDue => "Enter a date of birth, or a due date for a baby not born yet (one, not both).",
    FDateImplausible => "Check the date: it can’t be right.",
    FDateInFuture => "Enter a date that is today or earlier.",
    FOutOfRange => "Enter a number from {min} to {max}.",
    FTooLong => "Make this shorter: at most {max} characters.",
    FFillIn => "Fill this in.",
    FSayWhy => "Say why you changed the judgement.",
    FWriteStep => "Say what the step is.",
    FWriteGoal => "Write the goal, in the family’s own words.",
    FSayHigh => "Say what 10 means.",
    FSayLow => "Say what 0 means.",
    FWriteQuestion => "Write the question, in the family’s words.",
    FEnterDate => "Enter the date.",
    FEnterCloseDate => "Enter the date the case closed.",
    FEnterConsentDate => "Enter the date the family agreed.",
    FEnterName => "Enter a name (a first name or initials is fine).",
    FEnterOpened => "Enter the date you started working with the family.",
    FEnterReference => "Enter a name or reference for the family.",
    ByFamily => "Family",
    ByWorker => "Worker",
    ByChild => "Child",
    ByAgreed => "Agreed together",
    ROutcomesMet => "Outcomes met",
    RSteppedUp => "Stepped up to social care",
    RSteppedDown => "Stepped down to universal services",
    RInfoAdvice => "Resolved by information and advice",
    RMovedAway => "Moved away",
    RStoppedEngaging => "Stopped engaging",
    ROther => "Other",
    ReadAloud => "Read aloud",
    StopReading => "Stop reading",
    NoVoice => "This device has no voice for English. You could turn on a voice in your phone's settings (look for \"Text-to-speech\"), or ask someone to read with you.",
    SpeakStage => "{n}: {stage}. {desc}",
    SpeakScale => "{q} 0 means: {low}. 10 means: {high}.",
    // Family view and sharing
    NavOurHome => "Home",
    NavShare => "Share",
    NavSettings => "Settings",
    SettingsTitle => "Settings",
    SettingsIntro => "Your language, and how Waymark is used on this device.",
    SettingsLink => "Settings: language, and how Waymark is used here",
    YourInformation => "Your information",
    YourInformationIntro => "Everything you enter stays on this phone. You can save a copy, or delete it all.",
    OpenYourInformation => "Save a copy, or delete everything",
    OurFamily => "Our family",
    ModeQuestion => "How will you use Waymark on this device?",
    ModeFamily => "For me and my family",
    ModeCaseload => "For my work with families",
    ModeFamilyHint => "Your own family’s wheel and questions, on your own phone.",
    ModeCaseloadHint => "For children’s centre staff who work with many families.",
    ModeNotKept => "This device would not keep your choice, so Waymark will ask again next time.",
    ModeHeading => "How Waymark is used on this device",
    ModeIsFamily => "For my family: a simple home for one family.",
    ModeIsCaseload => "For work with families: the staff view of many families.",
    ModeIsUnset => "Not chosen yet: Waymark shows the staff view.",
    ModeSwitchFamily => "Use it for me and my family",
    ModeSwitchCaseload => "Use it for my work with families",
    FamilyHomeTitle => "Hello",
    FamilyHomeIntro => "What would you like to do today?",
    TileWheel => "Do our wheel",
    TileWheelHint => "How are things going in each part of family life?",
    OurWheelTitle => "Our wheel",
    TileQuestions => "Today's questions",
    TileQuestionsHint => "A few quick questions, 0 to 10.",
    TileHowWeAre => "How we are doing",
    TileHowWeAreHint => "See what has changed since you started.",
    WhatHasChanged => "What has changed",
    ProgressChanged => "{area}: from {from} to {to} since {date}",
    ProgressSame => "{area}: still {n}, as on {date}",
    ProgressOnce => "You did your wheel on {date}. Do it again in a few weeks to see what has changed.",
    ProgressNone => "You haven’t done your wheel yet.",
    TilePlan => "Our plan",
    TilePlanHint => "Your goals and the small steps towards them.",
    TileShare => "Share with my worker",
    TileShareHint => "Send your answers to your worker as a file.",
    ShareTitle => "Share with my worker",
    ShareIntro => "Your answers stay on this phone until you choose to send them. Here is how.",
    ShareStep1 => "Press \"Share our answers\".",
    ShareHowItWorks => "How it works",
    ShareStep2 => "Choose how to send the file, for example by email or a message app your worker uses. If your phone cannot do this, the file goes to your downloads.",
    ShareStep3 => "Your worker adds it to your family on their device. Nothing is typed twice.",
    ShareButton => "Share our answers",
    SharePrivacy => "The file holds your family's answers, plan and the names you entered. Send it only to your worker.",
    ShareFileTitle => "Waymark answers for my worker",
    Shared => "Shared. Thank you.",
    SharedAsDownload => "Saved to your downloads. You can send the file to your worker from there.",
    ShareWorkerHelp => "When a family sends you the file from their phone, open \"Your data\", choose the file, and pick their family in \"Whose answers are these?\". You see what will be added before anything changes, and nothing else changes.",
    AttachNeeded => "Choose whose answers these are: a family here, or a family of their own.",
    FileHoldsPeople => "People: {list}",
    HoldsWheels => "{n:one=# wheel reading;other=# wheel readings}",
    HoldsAnswers => "{n:one=# answer to a question;other=# answers to questions}",
    HoldsChecks => "{n:one=# milestone check;other=# milestone checks}",
    HoldsGoals => "{n:one=# goal;other=# goals}",
    HoldsHouses => "{n:one=# set of three houses;other=# sets of three houses}",
    HoldsQuestions => "{n:one=# question of their own;other=# questions of their own}",
    HoldsNothing => "No readings, answers or goals.",
    // Help when it matters (issue 30): the lines are in src/domain/help.rs and docs/help-lines.md
    NeedHelpNow => "Need help now?",
    HelpIntro => "If someone is in danger right now, call 999. These lines are free. They listen, and they can help.",
    HelpNotSafe => "You said someone isn’t safe right now. Your answer is kept. If you need help now, call one of these free lines.",
    HelpChild => "Thank you for telling us. You can talk to a grown-up you trust, or call Childline for free.",
    HelpTellWorker => "You can also tell your worker. They are there to help.",
    HelpMore => "More free lines",
    HelpEmergency => "Emergency",
    HelpEmergencyWhat => "If someone is in danger now.",
    HelpDomesticAbuse => "National Domestic Abuse Helpline",
    HelpDomesticAbuseWhat => "If someone at home hurts, scares or controls you. Free, day and night.",
    HelpChildline => "Childline",
    HelpChildlineWhat => "For children and young people. Free, and it won’t show on the phone bill.",
    HelpNspcc => "NSPCC Helpline",
    HelpNspccWhat => "If you are worried about a child.",
    HelpFamilyLives => "Family Lives",
    HelpFamilyLivesWhat => "Help with family life and being a parent.",
    HelpSamaritans => "Samaritans",
    HelpSamaritansWhat => "If things feel too much. Free, day and night.",
    HelpPolice => "Police",
    HelpPoliceWhat => "When it is not an emergency.",
    // Saved, said where the eyes are (issue 30)
    SavedWheel => "Your wheel is saved",
    SavedWheelFirst => "This is your first wheel. Do it again in a few weeks to see what has changed.",
    SavedWheelChange => "Since last time: {up:one=# part is better;other=# parts are better}, {down:one=# is lower;other=# are lower}, {same} the same.",
    SavedWhatNext => "What next? Look at it together below, or send it to your worker.",
    SavedAnswer => "Your answer is saved",
    SavedAllDone => "That’s all of today’s questions. Thank you.",
    SavedHouses => "Saved. Thank you for sharing.",
    SavedGoal => "Your goal is saved",
    NextQuestion => "Next question",
    QuestionOf => "Question {n} of {total}",
    // Offline and install
    UpdateReady => "A new version of Waymark is ready. Everything you have entered is saved.",
    UpdateNow => "Update now",
    InstallTitle => "Keep Waymark on this device",
    InstallBody => "Add Waymark to your home screen (in your browser's menu: \"Install app\" or \"Add to Home screen\"). Then it opens like an app and works with no signal. It also keeps your information safe: some phone browsers delete a website's saved information after a week without use, unless it is installed.",
    // Families list
    // Consent
    CKeepRecords => "Keeping these records while we work together",
    CShare => "Sharing information with other services that help them",
    CContact => "Being contacted by text or phone",
    CReports => "Counting their results, without names, in reports",
    // At a glance
    OutcomeSoFar => "Outcome so far:",
    OutcomePositive => "Positive outcome",
    OutcomeNoChange => "No change",
    OutcomeDeterioration => "Deterioration",
    OutcomeTooEarly => "Too early to measure",
    TooEarlyNoReadings => "There are no wheel readings or answers to questions yet.",
    TooEarlyOneReading => "There is only one reading of each so far.",
    TooEarlyNotLong => "The first and latest readings are less than {weeks} weeks apart.",
    OutcomeWheelChange => "Wheel: {n} points per area, first to latest.",
    OutcomeScaleChange => "Scaling questions: {n} points on average, first to latest.",
    GlanceNoWheels => "No wheel readings yet.",
    GlanceNoChildren => "No children added yet.",
    GlanceNoAnswers => "No answers to questions yet.",
    // Plan
    PlanTitle => "Plan for {ref}",
    PlanHeading => "Plan",
    PlanIntro => "Goals in your own words, with small steps: what, who does it and by when. Look back at each goal when you meet.",
    BackToFamilyRef => "Back to {ref}",
    GoalsHeading => "Goals",
    NoGoals => "No goals yet. Add the first one above.",
    AddGoal => "Add a goal",
    GoalFrom => "Where does this goal come from?",
    GoalFresh => "Something new",
    GoalFromArea => "From the wheel: {area}",
    GoalText => "The goal, in your own words",
    GoalTextHint => "For example: \"Mornings without shouting\".",
    FirstStep => "A first small step (optional)",
    StepWhat => "The step",
    StepWho => "Who will do it",
    StepBy => "By when",
    StepWhoIs => "{who}",
    StepByDate => "by {date}",
    StepDone => "Done",
    StepNotDone => "To do",
    SaveGoal => "Save the goal",
    GoalSetOn => "set {date}",
    StepsHeading => "Steps",
    ReviewsHeading => "Looking back",
    AddStep => "Add a step",
    AddThisStep => "Add this step",
    ReviewGoal => "Look back at this goal",
    ChangeWords => "Change the words",
    BackHome => "Back to home",
    SaveWords => "Save the new words",
    GoalStatusLabel => "How is it going?",
    ReviewNote => "What has happened (optional)",
    SaveReview => "Save",
    DeleteGoalNamed => "Delete the goal: {goal}",
    LastReviewed => "Last looked at {date}",
    GNotStarted => "Not started",
    GUnderWay => "Under way",
    GAchieved => "Achieved",
    GStopped => "Stopped",
    // Print
    SummaryTitle => "Family summary: {ref}",
    SummaryDate => "Printed {date}",
    PrintThis => "Print or save as PDF",
    PrintHint => "Choose \"Save as PDF\" in the print window to keep a copy. Only this family is in the summary.",
    TimelineOf => "Milestones timeline of {name}",
    BornOnDate => "born {date}",
    BornAtWeeksShort => "born at {n} weeks",
    DownloadFailed => "The download did not start. Please try again.",
    // The lock on the device
    Passphrase => "Passphrase",
    PassphraseHint => "At least 8 letters, numbers or other signs. A few words you will remember are best.",
    PassphraseAgain => "Type the passphrase again",
    StrengthTooShort => "Too short: use at least 8 letters or numbers.",
    StrengthWeak => "Easy to guess. Add another word, or numbers and other characters.",
    StrengthFair => "Good. A few more words would make it stronger.",
    StrengthStrong => "Strong.",
    PassphraseTooShort => "Enter a passphrase of at least 8 letters or numbers",
    PassphraseMismatch => "Type the same passphrase twice",
    LockTitle => "Lock this device",
    ChoosePassphrase => "Choose a passphrase",
    LockIntro => "With a lock, Waymark opens only for someone who knows the passphrase. What is saved here is scrambled, so nobody can read it from the device without the passphrase.",
    LockWarnForget => "If you forget the passphrase, nobody can open what is saved here, not even us. Save a copy first and keep it somewhere safe.",
    LockSaveCopyFirst => "Save a copy first",
    TurnLockOn => "Turn on the lock",
    TurningLockOn => "Turning on the lock…",
    LockIsOn => "The lock is on. Waymark asks for the passphrase when it opens, and after a while without use.",
    LockOnDone => "The lock is on.",
    LockAfter => "Lock after this long without use",
    Minutes => "{n:one=# minute;other=# minutes}",
    LockNow => "Lock now",
    ChangePassphrase => "Change the passphrase",
    CurrentPassphrase => "Your passphrase now",
    NewPassphrase => "New passphrase",
    PassphraseChanged => "The passphrase is changed.",
    TurnLockOff => "Turn off the lock",
    TurnLockOffHelp => "What is saved here will no longer be scrambled. Anyone who opens this browser will be able to see it.",
    LockOffDone => "The lock is off.",
    NotThePassphrase => "That is not the passphrase. Check it and try again",
    EnterPassphrase => "Enter the passphrase",
    LockActionFailed => "This browser could not do that, so nothing has changed. Try again, or try another browser.",
    LockUnopenable => "Some saved information could not be opened, so the lock stays on. Save a copy first, then try again.",
    LockedTitle => "Waymark is locked",
    LockedBody => "Enter the passphrase to carry on.",
    Unlock => "Unlock",
    Unlocking => "Opening…",
    OpeningFamilies => "Opening your families…",
    UnlockWaitSeconds => "Too many tries. Wait {n:one=# second;other=# seconds}, then try again",
    UnlockWaitMinutes => "Too many tries. Wait {n:one=# minute;other=# minutes}, then try again",
    ForgotPassphrase => "Forgot the passphrase?",
    ForgotBody => "Nobody can open what is saved here without it, not even us. The only way on is to erase Waymark on this device and start again. If you saved a copy, you can bring it back in afterwards.",
    EraseDevice => "Erase everything on this device",
    LockDamaged => "The lock on this device is damaged, so what is saved here cannot be opened. You can erase it and start again.",
    LockOfferTitle => "Is this device shared?",
    LockOfferBody => "Turn on a lock so that only people who know the passphrase can open Waymark here.",
    LockOfferYes => "Set up a lock",
    ;
    // Said by index.html's loader (scripts/csp-loader.mjs), never by the app: here, so that the
    // family's wasm does not carry them.
    NotLoadedKept => "Waymark could not finish loading. Your answers are kept on this phone. It will carry on when you are online again.",
    TryAgain => "Try again",
    ServiceLinesTitle => "Your service's help lines",
    ServiceLinesHelp => "Add your front door or local children's services number. Families see these after 999 wherever Waymark shows where to get help. Leave a line empty to remove it.",
    ServiceLineN => "Line {n}",
    ServiceLineName => "Who answers",
    ServiceLineNumber => "Phone number",
    ServiceLineWhat => "What it is for (optional)",
    ServiceLinesSave => "Save the help lines",
    ServiceLinesSaved => "The help lines are saved.",
    WheelsIntro => "Choose a family to see their wheels, or to score a new one.",
    LatestReading => "Latest wheel {date}",
    NoReadingsYet => "No wheel readings yet.",
    LoadWheelTitle => "Use your own wheel",
    LoadWheelHelp => "A service can load its own wheel from a file (see docs/data-format.md). You will see it before it is kept.",
    LoadWheelPreview => "{n} areas, version {v}.",
    LoadWheelConfirm => "Keep this wheel",
    LoadWheelRefused => "We couldn't use this wheel file.",
    OpenWheels => "Their wheels",
    OpenQuestions => "Their questions",
    GlanceTitle => "How things are going",
    HowOutcomesDecided => "How outcomes are decided",
    GlanceWheel => "{wheel}: {n:one=# reading;other=# readings}, {change} points per area since the first.",
    GlanceWheelOne => "{wheel}: one reading so far ({date}).",
    GlanceChild => "{stage} check, {date}: {on} on track, {eye} keep an eye, {help} need extra help",
    GlanceQuestions => "{n:one=# question;other=# questions} answered so far.",
    GlancePlan => "{n:one=# goal;other=# goals}: {done} achieved, {doing} under way.",
    GlancePlanEmpty => "No goals in the plan yet.",
    MilestonesOf => "Milestones of {name}",
    OpenPlan => "The plan",
    PrintSummary => "Print a summary",
    MilestonesTitle => "Milestones",
    MilestonesIntro => "Each young child, their age, and the check their age calls for.",
    NoChildren => "No children yet. Add a child (with a date of birth) to a family first.",
    NotBornYet => "Not born yet",
    CheckDone => "The {stage} check is done.",
    CheckDue => "The {stage} check is due.",
    CheckOverdue => "The {stage} check is overdue.",
    ChildNotFound => "We can't find this child.",
    ChildMilestonesTitle => "Milestones: {name}",
    RecordCheck => "Record a check",
    Timeline => "Progress at each stage",
    ReadyForNursery => "Ready for nursery",
    ReadyForSchool => "Ready for school",
    Ready => "ready",
    NotReadyYet => "not ready yet",
    ReadinessLine => "{met} of {total} met: {verdict}.",
    StillToWorkOn => "Still to work on:",
    ChecksList => "All checks",
    DeleteCheckLabel => "Delete the check of {date}",
    BackToTimeline => "Back to the timeline",
    CheckFor => "Check: {name}",
    WhichCheckStage => "Which stage?",
    StageSuggested => "Suggested for their age: {stage}.",
    WhoObserved => "Who saw this?",
    ObservedParent => "Parent",
    ObservedBoth => "Both together",
    NotYet => "Not yet",
    Sometimes => "Sometimes",
    Yes => "Yes",
    SaveCheck => "Save this check",
    CheckNotes => "Notes about this check (optional)",
    JudgementIs => "Judgement: {j}",
    NoJudgementYet => "Judgement: answer the milestones above",
    ChangeJudgement => "Change the judgement for {area}",
    JudgementInstead => "Judgement",
    AsTheRuleSays => "As worked out from the answers",
    Reason => "Why? (needed when you change it)",
    WhatWasDone => "This area needs extra help. What has been done?",
    ActionWhat => "What was done (for example, a referral)",
    ActionTo => "Where to",
    ActionWhen => "When",
    FrameworkInUse => "Milestones from: {name} (version {v}).",
    LoadFrameworkTitle => "Use your own milestones",
    LoadFrameworkHelp => "A service can load its own stages and milestones from a file (see docs/milestones.md). You will see it before it is used.",
    LoadFrameworkRefused => "We couldn't use this milestones file.",
    FrameworkPreview => "{s} stages, {a} areas, version {v}.",
    LoadFrameworkConfirm => "Use these milestones",
    // Only in the staff build, after the `;` (see the macro).
    ErrPicture => "This file is a picture, not a Waymark file. Choose the file Waymark saved: its name ends in .json.",
    ErrPdf => "This file is a PDF document, not a Waymark file. Choose the file Waymark saved: its name ends in .json.",
    ErrArchive => "This file is a compressed folder or an office document, not a Waymark file. If it is a .zip, open it first and choose the Waymark file inside: its name ends in .json.",
    ErrNotText => "This file is not text, so it is not a Waymark file. Choose the file Waymark saved: its name ends in .json.",
    // Bringing files in
    ImportTitle => "Bring in a file",
    ImportHelp => "Choose one or more Waymark files, or drop them here. You will see what they hold before anything changes.",
    ImportPreviewTitle => "What this file will do",
    ImportAdds => "Add {f:one=# family;other=# families} and {r:one=# record;other=# records}",
    ImportUpdates => "Update {f:one=# family;other=# families} and {r:one=# record;other=# records} with newer versions",
    ImportKeeps => "Keep {n:one=# record that is;other=# records that are} newer here than in the file",
    ImportNothing => "Everything in this file is already here. Nothing will change.",
    ImportMembers => "Add {a:one=# person;other=# people} and update {u:one=# person;other=# people}",
    ImportMayNotFit => "This file may not fit in the room left on this device ({free} free). Save a copy first, and delete old closed families to make room.",
    ImportReading => "Reading the file…",
    Saving => "Saving…",
    ImportChecking => "Checking what the file holds…",
    ImportConfirm => "Bring these in",
    ImportDone => "Brought in: {f:one=# family;other=# families} added, {r:one=# reading;other=# readings} added, {u:one=# record;other=# records} updated.",
    ImportCancelled => "Nothing was changed.",
    ImportErrorTitle => "We couldn't use this file",
    ImportNothingChanged => "Nothing has been changed.",
    ErrNotAFile => "That wasn't a file.",
    AttachQuestion => "Whose answers are these?",
    AttachHint => "Pick the family on this device to add them to, or keep them as a family of their own.",
    AttachAsNew => "A family of their own: {ref}",
    AttachChoose => "Choose a family",
    FileHolds => "What the file holds",
    ImportFiles => "From {n} files, brought in together:",
    ImportFileLine => "{name}: {n:one=# family;other=# families}",
    // Locked files
    LockedExportTitle => "Save a locked copy",
    LockedExportHelp => "A locked file opens only with its passphrase: use one for a file that leaves this device, by email or on a memory stick. Tell the passphrase to the person who needs it in another way (by phone, say). If it is forgotten, nobody can open the file, not even us.",
    PassphraseNeeded => "Enter the passphrase of the file",
    SaveLocked => "Save a locked file",
    Locking => "Locking the file…",
    LockedSaved => "A locked copy was saved. Only its passphrase opens it.",
    LockFailed => "This browser could not lock the file, so nothing was saved. Try another browser, or save an ordinary copy and keep it safe.",
    LockedFileTitle => "This file is locked",
    FileIsLocked => "{names}: enter the passphrase to see what is in it. Nothing changes until you say so.",
    OpenLocked => "Open the file",
    ImportOpening => "Opening the locked file…",
    WrongPassphrase => "That passphrase does not open {name}. Check it and try again. Nothing has changed.",
    LockedDamaged => "This is a locked file, but it is damaged, or it was locked by a newer version of Waymark. Nothing has changed.",
    // Families list and family page
    Tagline => "Small steps, clearly seen",
    Menu => "Menu",
    CurrentPage => "current page",
    Reload => "Reload",
    AgeCorrected => " (corrected for being born early)",
    ReportsTitle => "Reports",
    FamiliesTitle => "Families",
    FamiliesEmpty => "No families yet. Add your first family to get started.",
    NewFamilyTitle => "Add a family",
    EditFamily => "Edit details",
    Reference => "Reference",
    ReferenceHint => "A case number or a made-up name. You don't need a full name.",
    FullName => "Full name (optional)",
    Opened => "Date opened",
    Notes => "Notes",
    ReviewWeeks => "Weeks between wheel reviews",
    ReviewWeeksHint => "Leave empty for every 12 weeks.",
    FamilyWheelLabel => "The wheel on the family's own phone",
    FamilyWheelHint => "What opens when the family taps “Do our wheel” on their phone.",
    Save => "Save",
    Open => "Open",
    Closed => "Closed",
    BackToFamilies => "Back to families",
    Members => "People in this family",
    NoMembers => "No one added yet.",
    AddPerson => "Add a person",
    AddThisPerson => "Add this person",
    Name => "Name or initials",
    Role => "Who is this?",
    BornOn => "Date of birth",
    DueOn => "Due date (if not born yet)",
    BornAtWeeks => "Born at how many weeks of pregnancy?",
    BornAtWeeksHint => "Only for a baby born early, for example 34. Leave it empty for a baby born at 37 weeks or later. Until they are 2, we use it to correct their age.",
    Remove => "Remove",
    RemovePerson => "Remove {name}",
    DeleteFamily => "Delete this family",
    DeleteFamilyConfirm => "Delete {ref} and everything recorded for them? You can undo straight after.",
    CloseCase => "Close this case",
    CloseReason => "Why is it closing?",
    CloseDate => "Date closed",
    Reopen => "Reopen",
    Readings => "Readings",
    ReadingsSummary => "{w:one=# wheel reading;other=# wheel readings}, {m:one=# milestone check;other=# milestone checks}, {s:one=# scaling answer;other=# scaling answers}",
    ExportFamily => "Save this family as a file",
    FixProblems => "Please check the form: {n} thing(s) to fix.",
    DropHere => "Drop a file here",
    FindFamilies => "Find families",
    SearchReference => "Search by reference",
    ShowFamilies => "Show",
    ShowOpen => "Open",
    ShowClosed => "Closed",
    ShowAll => "All",
    SortBy => "Sort by",
    SortName => "Reference (A to Z)",
    SortReview => "Next review (soonest first)",
    FamiliesShown => "Showing {n:one=# family;other=# families}",
    FamiliesShownOf => "Showing {shown} of {n} families",
    ShowMoreFamilies => "Show {n} more",
    NoFamiliesMatch => "No families match. Try another search, or show open and closed families.",
    ConsentHeading => "Consent",
    ConsentHint => "What the family agreed to, and when.",
    ConsentDate => "Date they agreed",
    ConsentNote => "Anything else they said about consent",
    ConsentGiven => "Consent given {date}",
    ConsentNone => "No consent recorded yet.",
    CloseNote => "Note about closing (optional)",
    EditPerson => "Edit the details of {name}",
    ChangePerson => "Change this person's details",
    SaveChanges => "Save the changes",
    // Report
    ReportIntro => "Did our help make a difference, and for how many families? Choose the dates, and a worker if you want one worker's families.",
    ReportScope => "Report dates and worker",
    ReportFrom => "From",
    ReportTo => "To",
    AllWorkers => "All workers",
    ReportDateNeeded => "Enter a date",
    ReportToBeforeFrom => "The end must be on or after the start",
    ReportEmpty => "There are no families yet. Add families and their readings, and the report will count them.",
    ReportFor => "From {from} to {to}, {who}",
    ReportFamilies => "Families",
    FiguresActive => "Worked with in this period",
    FiguresOpenAtEnd => "Open at the end",
    FiguresOpened => "Opened",
    FiguresClosed => "Closed",
    FiguresReviewsOverdue => "Reviews overdue",
    FiguresReviewsDue => "Reviews due in the next two weeks",
    ReportOutcomes => "Outcomes",
    LeftOut => "{n} more families were worked with but are not counted here: they did not agree to be counted in reports.",
    OutcomeCol => "Outcome",
    FamiliesCol => "Families",
    Total => "Total",
    ReportClosures => "Why cases closed",
    NoneClosed => "No cases closed in this period.",
    ReportNoWheels => "No wheel readings in this period.",
    ReportWheelLine => "{families} families with a reading; {measured} with two or more. Average distance travelled: {distance} points per area.",
    ReportRadarTitle => "{wheel}: average first and latest scores",
    ReportRadarDesc => "A radar of {n} areas: the average first score and the average latest score of {families} families. The table below has the same numbers.",
    AverageFirst => "Average first score",
    AverageLatest => "Average latest score",
    MeasuredCol => "Families measured",
    StagesHeading => "Where families are now (latest reading)",
    StagesTableLabel => "{wheel}: share of families at each stage",
    ReportNoScales => "No answers to scaling questions in this period.",
    QuestionCol => "Question",
    ScalesTableLabel => "Scaling questions: average change",
    AverageChangeCol => "Average change",
    OwnQuestions => "Questions families wrote",
    ReportNoChecks => "No milestone checks in this period.",
    SchoolReadyLine => "Ready for school: {n} of {of} children checked at school entry ({p}%).",
    SchoolReadyNone => "No child was checked at school entry in this period.",
    StageFiguresLabel => "{stage}: children by judgement",
    FamiliesInReport => "The {n:one=# family;other=# families} in this report",
    FamiliesInReportLabel => "Families in this report",
    CsvHeading => "Spreadsheets",
    CsvIntro => "CSV files that open in Excel: the figures above, with their percentages; one row per score or answer; and one row per family with its outcome.",
    CsvReadings => "Download readings (CSV)",
    CsvOutcomes => "Download family outcomes (CSV)",
    CsvFigures => "Download the figures (CSV)",
    Team => "Team",
    TeamHint => "Optional. A manager can then see the report for one team.",
    TeamNamed => "team {team}",
    AllTeams => "All teams",
    EarlierEpisodes => "Earlier work with this family",
    EpisodeLine => "{opened} to {closed} · {reason}",
    ReopenWhy => "Why is it opening again?",
    ReopenAgain => "They have been referred again (the closed work is kept)",
    ReopenMistake => "It was closed by mistake (take the closing back)",
    ReopenDate => "Date referred again",
    CountingLegend => "Count",
    CountFamilies => "Families",
    CountChildren => "Children",
    CountingFamilies => "Counting families. A family referred again counts once for each time its case opened or closed.",
    CountingChildren => "Counting children: {c:one=# child;other=# children} in {f:one=# family;other=# families}. A child's outcome is the family's, unless the child has readings of their own on a child's wheel. {none:one=# family has;other=# families have} no child recorded and {none:one=is;other=are} not in these figures.",
    CompareWith => "Compare with",
    CompareNothing => "Nothing",
    ComparePrevious => "The period before, of the same length",
    CompareYearBefore => "The same dates a year before",
    CompareChosen => "A period I choose",
    CompareFrom => "Compare with the period starting",
    CompareFromHint => "It will be as long as the period above.",
    ComparedWith => "Compared with {from} to {to}.",
    FigureCol => "Figure",
    ChildrenCol => "Children",
    BeforeCol => "Before",
    ChangeCol => "Change",
    ChangePointsCol => "Change (points)",
    OutcomeBarsTitle => "Outcomes: {unit} in each",
    ClosureBarsTitle => "Why cases closed: {unit} for each reason",
    BarsDesc => "A bar for each row of the table below, which has the same numbers.",
    RoundingRule => "Percentages are whole numbers, rounded down, so they may add up to less than 100.",
    OfClosedHeading => "As a share of cases closed in this period",
    OfActiveHeading => "As a share of everyone worked with",
    OfActiveHint => "Some council reports count these as a share of all families or children worked with in the year.",
    AfterClosing => "After closing",
    ClosedPositive => "Closed with a positive outcome",
    ClosedOutcomesMet => "Closed with outcomes met",
    NotRereferred => "Not referred again within 12 months",
    RereferralRule => "The first two are shares of the cases closed in this period. The last counts cases closed in the same dates a year before (so each has had 12 months), and how many did not open again within 12 months of closing.",
    SchoolReadyBefore => "In the earlier period: {before}. Change: {change} points.",
    RuleWords => "A family's outcome compares their first and latest readings, at least {weeks} weeks apart. A wheel counts as better or worse when the average change per area is at least {wheel} points. Scaling questions count when the average change is at least {scale} points.",
    RulePositive => "Positive outcome: better on at least one, and worse on none.",
    RuleDeterioration => "Deterioration: worse on at least one. A rise in one never hides a fall in the other.",
    RuleNoChange => "No change: measured, but nothing moved that far.",
    RuleTooEarly => "Too early to measure: no readings yet, only one, or not far enough apart.",
    RuleMilestones => "Children's milestones are shown beside the outcome but do not change it.",
    ChangeThresholds => "Change the thresholds",
    ThresholdWeeks => "Weeks between first and latest reading",
    ThresholdWheel => "Wheel: points per area",
    ThresholdScale => "Scaling questions: points",
    ThresholdPointsHint => "For example 1 or 1.5",
    SaveThresholds => "Save the thresholds",
    DefaultThresholds => "Use the usual thresholds",
    // Two versions of the same words (issue 20)
    TwoVersionsHeading => "Changed in two places",
    TwoVersionsIntro => "Two people changed the same words on different devices at about the same time. Both versions are kept. Choose the one to keep: you can edit it afterwards.",
    TwoVersionsOf => "{what}: {field}",
    VersionN => "Version {n}",
    VersionEmpty => "(empty)",
    KeepVersion => "Keep version {n}",
    WhatFamily => "Family details",
    WhatPerson => "A person in the family",
    WhatWheel => "A wheel",
    WhatCheck => "A milestone check",
    WhatAnswer => "A scaling answer",
    WhatQuestion => "A scaling question",
    WhatHouses => "Three houses",
    WhatGoal => "A goal",
    FieldWords => "Words",
    // Working as a team (issue 20)
    TeamHeading => "Work as a team",
    TeamIntro => "If your service has a team server, this device can share families with your team: changes made here are sent, and your team's changes come in. Everything still works on this device without it.",
    TeamAddress => "The team's address",
    TeamAddressHint => "Your service gives you this. It usually starts with ./db/",
    TeamUser => "Your user name for the team",
    TeamPassword => "Your password for the team",
    TeamPasswordHint => "Waymark does not keep your password.",
    TeamJoin => "Join the team",
    TeamJoining => "Joining…",
    TeamSignIn => "Sign in again",
    TeamSignInTitle => "Sign in to your team",
    TeamLeave => "Stop working as a team on this device",
    TeamLeaveHint => "The families stay on this device, and nothing is removed from the team.",
    TeamLeft => "This device no longer works as a team. The families are still here.",
    TeamSyncNow => "Sync now",
    TeamJoined => "Working with the team {team} as {user}.",
    TeamShares => "This device works with the team {team}: every family's records on it are sent to the team's server, so that the team's other devices have them. Nothing else is sent anywhere.",
    TeamLastSynced => "Last synced {when}.",
    TeamNeverSynced => "Not synced yet.",
    TeamWaiting => "{n:one=# change;other=# changes} waiting to be sent.",
    TeamAllSent => "All your changes are sent.",
    TeamSyncing => "Syncing…",
    TeamFirstPull => "Bringing in your team's families: {done} of {total}",
    TeamOffline => "Can't reach the team's server. Your changes are kept on this device and are sent when it can be reached again.",
    TeamSignedOut => "You are signed out of the team. Sign in again to send and get changes. Your changes are kept on this device meanwhile.",
    TeamNoAccess => "Your user name does not have access to this team. Ask your manager to add you.",
    TeamNotFound => "There is no team at this address. Check the address with your manager.",
    TeamRefused => "The team's server did not take {n:one=# change;other=# changes}. They are kept on this device. Ask your service's IT to look at the server.",
    TeamServerError => "The team's server has a problem. Waymark will try again in a minute.",
    TeamWrongPassword => "The user name or password is not right. Check them and try again.",
    TeamBadDocs => "{n:one=# record;other=# records} from the team could not be read and {n:one=was;other=were} left out: {ids}. Ask your service's IT to look at the server.",
    TeamAddressMissing => "Enter the team's address",
    TeamAddressOther => "Enter an address on this website, such as ./db/team-a",
    TeamAddressBadName => "The team's name can only use small letters, numbers and - and must start with a letter",
    TeamUserMissing => "Enter your user name",
    TeamPasswordMissing => "Enter your password",
    TeamJustNow => "just now",
    TeamMinutesAgo => "{n:one=# minute;other=# minutes} ago",
    TeamHoursAgo => "{n:one=# hour;other=# hours} ago",
    TeamOnDate => "on {date}",
    // Evidence a council claims on (issue 33)
    ReportClaimsLink => "Claims: needs, outcomes and the Supporting Families figures",
    HlEducation => "Getting a good education",
    HlEarlyYears => "Good early years development",
    HlHealth => "Improved mental and physical health",
    HlSubstanceUse => "Promoting recovery and reducing harm from substance use",
    HlRelationships => "Improved family relationships",
    HlChildrenSafe => "Children safe from abuse and exploitation",
    HlCrime => "Crime prevention and tackling crime",
    HlDomesticAbuse => "Safe from domestic abuse",
    HlHousing => "Secure housing",
    HlFinance => "Financial stability",
    NeedsHeading => "Needs and outcomes",
    NeedsTitle => "Needs and outcomes for {ref}",
    NeedsIntro => "Record the needs you and the family found, when each outcome was met, and the checks that it lasted. Waymark works out when the family can be claimed for.",
    NeedsOpenPage => "See needs and outcomes",
    NeedsNone => "No needs recorded yet.",
    StNoNeeds => "No needs recorded yet",
    StNotEligible => "Not ready to claim yet",
    StNeedsOpen => "{n:one=# need has;other=# needs have} no lasting outcome yet",
    StSustaining => "Outcomes met: they must last until {date}",
    StCheckDue => "{n:one=# check is;other=# checks are} due",
    StReady => "Ready to claim",
    StClaimed => "Claimed on {date}",
    MissLead => "Name the family's worker: they are the lead practitioner.",
    MissAssessment => "Do a whole-family assessment: a wheel for the family.",
    MissPlan => "Agree a family plan: at least one goal.",
    MissHeadlines => "Find needs under at least {need} headlines (now {have}).",
    NsOpen => "Outcome not met yet",
    NsLapsed => "The outcome did not last (from {date})",
    NsSustaining => "Outcome met: it must last until {date}",
    NsCheckDue => "Check due: it had to last until {date}",
    NsSustained => "Outcome lasted (checked on {date})",
    NsClaimed => "Claimed on {date}",
    AddNeed => "Add a need",
    NeedHeadline => "Headline",
    NeedDescriptor => "Descriptor",
    NeedDescriptorNone => "No descriptor",
    NeedIdentified => "Date the need was found",
    NeedBy => "Who found it",
    NeedSourceLabel => "Where it was found",
    SrcAssessment => "The assessment",
    SrcWheel => "The family's wheel",
    SrcReferral => "The referral",
    SrcOther => "Somewhere else",
    NeedChild => "Who it is about",
    NeedWholeFamily => "The whole family",
    NeedNote => "Note",
    SaveNeed => "Save the need",
    SavedNeed => "The need is saved",
    NeedIdentifiedOn => "Found on {date}",
    NeedFoundBy => "Found on {date} by {who}",
    NeedSuggestHeading => "Suggested by the family's wheel",
    NeedSuggestIntro => "These areas scored low at the family's latest wheel. Add one as a need if you and the family agree.",
    NeedSuggestLine => "{area}: {score} out of 10",
    NeedSuggestAdd => "Add as a need",
    RecordMet => "Record the outcome",
    MetDate => "Date the outcome was met",
    EvidenceLabel => "What shows it",
    EvWheel => "A change on the wheel",
    EvQuestion => "A change in a scaling question",
    EvMilestone => "A child's milestone",
    EvFact => "A fact, such as school attendance",
    EvNote => "What was seen and said",
    EvidenceDetail => "The evidence in words",
    SaveMet => "Save the outcome",
    MetOn => "Met on {date}: {evidence}",
    RecordHeld => "Record a check",
    CheckDate => "Date of the check",
    CheckHeld => "Has the outcome lasted?",
    CheckHeldYes => "Yes, it has lasted",
    CheckHeldNo => "No, it has not lasted",
    SaveHeld => "Save the check",
    CheckHeldOn => "{date}: it has lasted",
    CheckNotHeldOn => "{date}: it has not lasted",
    ChecksHeading => "Checks",
    DeleteNeedNamed => "Delete the need: {headline}",
    NeedClaimedKept => "A claim counts this need, so its headline and outcome stay as they were claimed.",
    ClaimHeading => "Claim",
    ClaimDate => "Date of the claim",
    ClaimNote => "Note (optional)",
    MakeClaim => "Mark as claimed",
    ClaimMade => "Marked as claimed",
    TakeClaimBack => "Take the claim back",
    ClaimPackLink => "Claim pack",
    ClaimPackTitle => "Claim pack: {ref}",
    ClaimPackIntro => "Everything an auditor needs for this family's claim, on one or two pages of A4.",
    PackPlan => "Outcome plan",
    PackPlanVersion => "{name}, version {v}",
    PackLead => "Lead practitioner",
    PackAssessment => "Whole-family assessment",
    PackAssessmentOn => "Wheel on {date}",
    PackFamilyPlan => "Family plan",
    PackGoals => "{n:one=# goal;other=# goals}, the first set on {date}",
    PackStanding => "Where the family stands",
    PackNone => "None recorded",
    PackPrint => "Print",
    PackJson => "Download as a file",
    PackMustLast => "Must last until {date}",
    PackClaimedOn => "Claimed on {date}",
    ClaimsTitle => "Claims",
    ClaimsIntro => "Families with needs recorded, where each stands against the outcome plan, the checks due and the figures to report.",
    ClaimsPlan => "Outcome plan: {name}",
    ClaimsQuarter => "Quarter",
    ClaimsQuarterName => "{from} to {to}",
    ClaimsShow => "Show",
    FilterCheckDue => "A check is due",
    FilterSustaining => "Outcomes met, still to last",
    FilterNeedsOpen => "Needs still open",
    FilterClaimed => "Claimed",
    ClaimsEveryFamily => "Every family",
    ClaimsEveryHeadline => "Every headline",
    ClaimsNone => "No families with needs in this quarter.",
    ClaimsNoneMatch => "No families match. Try showing every family.",
    ClaimsCount => "{n:one=# family;other=# families}",
    ClaimsDueHeading => "Checks due",
    ClaimsDueNone => "No checks are due.",
    ClaimsDueLine => "{headline}: it had to last until {date}",
    ClaimsCsv => "Download the quarter's claims (CSV)",
    ClaimsFigures => "Figures for the quarter",
    ClaimsFiguresIntro => "As the Supporting Families programme asks for them. Families who did not agree to be counted in reports are left out.",
    FigWorkedWith => "Families worked with",
    FigWithNeed => "With a need",
    FigMet => "Outcomes met",
    FigSustained => "Outcomes lasted",
    FigClaimed => "Families claimed",
    FigFamilies => "Families",
    FigChildren => "Children",
    FigBefore => "The quarter before",
    FigThisPeriod => "This period",
    HoldsNeeds => "{n:one=# need;other=# needs}",
    HoldsClaims => "{n:one=# claim;other=# claims}",
    ClaimNotReadyOn => "The family is not ready to claim on that date. Choose the day it was ready, or later.",
    OPlanHeading => "Outcome plan",
    OPlanIntro => "Claims are worked out against an outcome plan. Waymark has the national framework built in; load your council's own plan to use its descriptors, evidence and rules.",
    OPlanInForce => "In use: {name}, version {v}",
    OPlanSustain => "Outcomes must last {n:one=# month;other=# months}; needs under at least {h} headlines.",
    OPlanLoad => "Load your council's outcome plan",
    OPlanStop => "Stop using this plan",
    OPlanRefused => "We couldn't use this outcome plan file.",
    OPlanConfirm => "Keep this outcome plan",
    OPlanPreview => "{n:one=# headline;other=# headlines}, version {v}.",
    FigBeforeN => "({n})",
    FigBeforeNote => "In brackets: the quarter before.",
    ClaimRefused => "A claim counts this need, so it can't be deleted and its headline and outcome stay as they were claimed.",
    DescriptorRefused => "Choose a descriptor under this need's headline.",
    ReportClaimsHeading => "Needs, outcomes and claims",
    FigBeforeNoteReport => "In brackets: the period compared with.",
    OPlanNationalName => "Supporting Families Outcome Framework",
}

/// A month's short name (1 = January).
pub fn month_short(m: u32) -> &'static str {
    const MONTHS: [Msg; 12] = [
        Msg::Jan,
        Msg::Feb,
        Msg::Mar,
        Msg::Apr,
        Msg::May,
        Msg::Jun,
        Msg::Jul,
        Msg::Aug,
        Msg::Sep,
        Msg::Oct,
        Msg::Nov,
        Msg::Dec,
    ];
    MONTHS.get(m.wrapping_sub(1) as usize).map_or("", |&m| t(m))
}

/// Words in the current language.
pub fn t(m: Msg) -> &'static str {
    TABLE
        .with(|t| t.borrow().get(m as usize).copied())
        .unwrap_or_else(|| m.english())
}

/// Words with `{name}` placeholders filled in.
pub fn tf(m: Msg, args: &[(&str, String)]) -> String {
    fill(t(m), args)
}

/// A number of tenths as "12.3" (integer arithmetic: float formatting costs wasm bytes).
pub fn tenths(n: u64) -> String {
    format!("{}.{}", n / 10, n % 10)
}

/// Words with `{name}` placeholders filled in, and each plural block `{n:one=...;other=...}`
/// given the form its number takes in the language in use.
pub fn fill(text: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('}') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let inner = &rest[i + 1..i + j];
        let (key, forms) = match inner.split_once(':') {
            Some((k, f)) => (k, Some(f)),
            None => (inner, None),
        };
        match (args.iter().find(|(k, _)| *k == key), forms) {
            (Some((_, v)), None) => out.push_str(v),
            (Some((_, v)), Some(f)) => out.push_str(&plural(f, v)),
            (None, _) => out.push_str(&rest[i..=i + j]),
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

pub fn respondent(r: Respondent) -> &'static str {
    t(match r {
        Respondent::Family => Msg::ByFamily,
        Respondent::Worker => Msg::ByWorker,
        Respondent::Child => Msg::ByChild,
        Respondent::Agreed => Msg::ByAgreed,
    })
}

pub fn role(r: MemberRole) -> &'static str {
    t(match r {
        MemberRole::Adult => Msg::RoleAdult,
        MemberRole::Child => Msg::RoleChild,
    })
}

pub fn closure_reason(r: ClosureReason) -> &'static str {
    t(match r {
        ClosureReason::OutcomesMet => Msg::ROutcomesMet,
        ClosureReason::SteppedUp => Msg::RSteppedUp,
        ClosureReason::SteppedDown => Msg::RSteppedDown,
        ClosureReason::InformationAndAdvice => Msg::RInfoAdvice,
        ClosureReason::MovedAway => Msg::RMovedAway,
        ClosureReason::StoppedEngaging => Msg::RStoppedEngaging,
        ClosureReason::Other => Msg::ROther,
    })
}

pub fn goal_status(s: GoalStatus) -> &'static str {
    t(match s {
        GoalStatus::NotStarted => Msg::GNotStarted,
        GoalStatus::UnderWay => Msg::GUnderWay,
        GoalStatus::Achieved => Msg::GAchieved,
        GoalStatus::Stopped => Msg::GStopped,
    })
}

pub fn consent_item(c: ConsentItem) -> &'static str {
    t(match c {
        ConsentItem::KeepRecords => Msg::CKeepRecords,
        ConsentItem::ShareWithServices => Msg::CShare,
        ConsentItem::Contact => Msg::CContact,
        ConsentItem::Reports => Msg::CReports,
    })
}

/// What is wrong, in words.
pub fn problem_kind(k: &ProblemKind) -> String {
    match k {
        ProblemKind::Required => t(Msg::PRequired).into(),
        ProblemKind::TooLong { max } => tf(Msg::PTooLong, &[("max", max.to_string())]),
        ProblemKind::OutOfRange { min, max } => tf(
            Msg::POutOfRange,
            &[("min", min.to_string()), ("max", max.to_string())],
        ),
        ProblemKind::DateInFuture => t(Msg::PDateInFuture).into(),
        ProblemKind::DateImplausible => t(Msg::PDateImplausible).into(),
        ProblemKind::UnknownFamily => t(Msg::PUnknownFamily).into(),
        ProblemKind::UnknownChild => t(Msg::PUnknownChild).into(),
        ProblemKind::BirthOrDueNeeded => t(Msg::PBirthOrDue).into(),
        ProblemKind::Duplicate => t(Msg::PDuplicate).into(),
        ProblemKind::BadTimestamp => t(Msg::PBadTimestamp).into(),
        ProblemKind::UnknownField(n) => tf(Msg::PUnknownField, &[("name", n.clone())]),
        ProblemKind::MissingField(n) => tf(Msg::PMissingField, &[("name", n.clone())]),
        ProblemKind::WrongType => t(Msg::PWrongType).into(),
        ProblemKind::UnknownChoice(n) => tf(Msg::PUnknownChoice, &[("name", n.clone())]),
        ProblemKind::BadValue => t(Msg::PBadValue).into(),
        ProblemKind::NotAPhoneNumber => t(Msg::PNotAPhoneNumber).into(),
        ProblemKind::UnknownQuestion => t(Msg::PUnknownQuestion).into(),
    }
}

/// Where in a file a problem is, in words: `data.families[2].reference` becomes
/// "families, record 3, reference".
pub fn problem_place(path: &str) -> String {
    let path = path.strip_prefix("data.").unwrap_or(path);
    path.split('.')
        .map(|part| match part.split_once('[') {
            Some((name, rest)) => {
                let n: usize = rest.trim_end_matches(']').parse().unwrap_or(0);
                tf(
                    Msg::PRecord,
                    &[("name", name.replace('_', " ")), ("n", (n + 1).to_string())],
                )
            }
            None => part.replace('_', " "),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn problem(p: &Problem) -> String {
    tf(
        Msg::PInRecord,
        &[
            ("where", problem_place(&p.path)),
            ("what", problem_kind(&p.kind)),
        ],
    )
}

/// Why a file could not be used, in words (the first line of the message).
pub fn read_error(e: &ReadError) -> String {
    match e {
        ReadError::Unreadable => t(Msg::ErrReadFailed).into(),
        ReadError::TooLarge { bytes, max } => tf(
            Msg::ErrTooLarge,
            &[
                ("mb", tenths(*bytes as u64 * 10 / 1_048_576)),
                ("max", (max / 1_048_576).to_string()),
            ],
        ),
        ReadError::NotUtf8 => t(Msg::ErrNotUtf8).into(),
        // Files are chosen on a worker's device only (a family's phone brings none in).
        #[cfg(feature = "staff")]
        ReadError::NotText(kind) => t(match kind {
            Binary::Picture => Msg::ErrPicture,
            Binary::Pdf => Msg::ErrPdf,
            Binary::Archive => Msg::ErrArchive,
            Binary::Other => Msg::ErrNotText,
        })
        .into(),
        #[cfg(not(feature = "staff"))]
        ReadError::NotText(_) => t(Msg::ErrNotWaymark).into(),
        ReadError::NotJson { line, column } => tf(
            Msg::ErrNotJson,
            &[("line", line.to_string()), ("col", column.to_string())],
        ),
        ReadError::TooDeep => t(Msg::ErrTooDeep).into(),
        ReadError::NotWaymark => t(Msg::ErrNotWaymark).into(),
        ReadError::NewerVersion { found } => tf(Msg::ErrNewer, &[("v", found.to_string())]),
        ReadError::UnsupportedVersion { found } => {
            tf(Msg::ErrUnsupported, &[("v", found.to_string())])
        }
        ReadError::Invalid(ps) => ps.first().map(problem).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_words_and_balanced_placeholders() {
        for m in Msg::ALL {
            let s = m.english();
            assert!(!s.trim().is_empty(), "{m:?} is empty");
            assert_eq!(s.matches('{').count(), s.matches('}').count(), "{m:?}");
        }
    }

    #[test]
    fn plural_forms_follow_each_languages_rules() {
        let pl = |n| plural_form(Lang::Pl, n);
        assert_eq!(
            [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 102, 112]
                .map(pl)
                .join(" "),
            "many one few few many many many many many few many few many"
        );
        assert_eq!(plural_form(Lang::En, 1), "one");
        assert_eq!(plural_form(Lang::En, 0), "other");
        assert_eq!(plural_form(Lang::Ur, 2), "other");
        let text = "Add {n:one=# family;other=# families} and {r}.";
        assert_eq!(
            fill(text, &[("n", "1".into()), ("r", "3 readings".into())]),
            "Add 1 family and 3 readings."
        );
        assert_eq!(fill(text, &[("n", "5".into())]), "Add 5 families and {r}.");
        assert_eq!(placeholders(text), ["n", "r"]);
        // Polish: its own forms; a form a translator left out falls back to `other`.
        install(Lang::Pl, &BTreeMap::new());
        let pl_text = "{n:one=# rodzina;few=# rodziny;many=# rodzin;other=# rodziny}";
        assert_eq!(fill(pl_text, &[("n", "1".into())]), "1 rodzina");
        assert_eq!(fill(pl_text, &[("n", "3".into())]), "3 rodziny");
        assert_eq!(fill(pl_text, &[("n", "12".into())]), "12 rodzin");
        assert_eq!(fill("{n:one=#;other=# x}", &[("n", "5".into())]), "5 x");
        install(Lang::En, &BTreeMap::new());
    }

    #[test]
    fn fills_placeholders_and_words_paths() {
        assert_eq!(
            tf(Msg::OpenedOn, &[("date", "1 May 2026".into())]),
            "Opened 1 May 2026"
        );
        assert_eq!(
            problem_place("data.families[2].reference"),
            "families, record 3, reference"
        );
        assert_eq!(
            problem_place("data.scale_answers[0].value"),
            "scale answers, record 1, value"
        );
        let p = Problem {
            path: "data.families[0].reference".into(),
            kind: ProblemKind::Required,
        };
        assert_eq!(problem(&p), "families, record 1, reference: this is needed");
    }
}
