//! What one tab tells the others on the channel they share, typed, with one codec. A message
//! travels as short text (`saved waymark.family.x waymark.settings`); a data key handed to the
//! other tabs travels beside it, never in it. Text from anywhere else (an older version's tab,
//! another page) is not a message: it is ignored.

use crate::domain::base::Millis;
use crate::domain::file::shards::ShardKey;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TabMessage {
    /// These values were just stored: read them in.
    Saved(Vec<ShardKey>),
    /// Everything Waymark kept on this device was erased.
    Cleared,
    /// The app was used at this time (so an idle lock counts from the latest use in any tab).
    Used(Millis),
    /// The device was locked: lock too.
    Locked,
    /// Unlocked: the data key travels beside the message.
    Unlocked,
    /// The lock was turned on: the new data key travels beside the message.
    LockOn,
    /// The lock was turned off: read everything again, plain.
    LockOff,
    /// A tab that started locked asks for the data key: a tab open and unlocked hands it over
    /// (with [`TabMessage::Unlocked`]), so a tab opened while the others are unlocked opens
    /// unlocked.
    AskKey,
}

impl TabMessage {
    pub fn to_text(&self) -> String {
        match self {
            TabMessage::Saved(keys) => {
                let mut s = String::from("saved");
                for k in keys {
                    s.push(' ');
                    s.push_str(&k.key());
                }
                s
            }
            TabMessage::Cleared => "cleared".into(),
            TabMessage::Used(at) => format!("used {}", at.0),
            TabMessage::Locked => "locked".into(),
            TabMessage::Unlocked => "unlocked".into(),
            TabMessage::LockOn => "on".into(),
            TabMessage::LockOff => "off".into(),
            TabMessage::AskKey => "ask".into(),
        }
    }

    /// The message a text stands for; `None` for anything else (never a half-read message: a
    /// `saved` naming a key that is not one of ours is not a message at all).
    pub fn parse(text: &str) -> Option<TabMessage> {
        let mut words = text.split(' ');
        let first = words.next()?;
        let rest: Vec<&str> = words.collect();
        let alone = |m: TabMessage| rest.is_empty().then_some(m);
        match first {
            "saved" => rest
                .iter()
                .map(|k| ShardKey::parse(k))
                .collect::<Option<Vec<_>>>()
                .map(TabMessage::Saved),
            "used" => match rest[..] {
                [n] => n.parse().ok().map(|n| TabMessage::Used(Millis(n))),
                _ => None,
            },
            "cleared" => alone(TabMessage::Cleared),
            "locked" => alone(TabMessage::Locked),
            "unlocked" => alone(TabMessage::Unlocked),
            "on" => alone(TabMessage::LockOn),
            "off" => alone(TabMessage::LockOff),
            "ask" => alone(TabMessage::AskKey),
            _ => None,
        }
    }

    /// Whether the message hands over a data key (it is sent with the key beside it).
    pub fn carries_key(&self) -> bool {
        matches!(self, TabMessage::Unlocked | TabMessage::LockOn)
    }
}
