//! Reading JSON from outside safely: size and depth limits, typed reasons for refusal, and
//! serde's messages turned into typed problems. Every file, stored value, built-in text and
//! catalogue is read through here.

use super::problem::{Checker, Problem, ProblemKind};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A wheel, framework or catalogue bigger than this is refused before it is read.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// A Waymark file (a whole service's caseload: about 5.5 KB a family, so some 12,000 families)
/// bigger than this is refused before it is read.
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;
/// Deepest nesting a file may have (a real file needs 6).
pub const MAX_DEPTH: usize = 12;
/// At most this many problems are listed.
pub const MAX_PROBLEMS: usize = 50;

/// Why a file or stored value cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The device could not read the file at all (it was moved, or access was refused).
    #[error("file could not be read")]
    Unreadable,
    #[error("file too large")]
    TooLarge { bytes: usize, max: usize },
    /// The file's bytes are not UTF-8 text (a file saved as Latin-1, say): reading it would
    /// silently change letters.
    #[error("not UTF-8")]
    NotUtf8,
    /// Not text at all: a picture, a PDF, an archive (named, so a person knows what they chose).
    #[error("not text")]
    NotText(Binary),
    #[error("not JSON")]
    NotJson { line: usize, column: usize },
    #[error("nested too deeply")]
    TooDeep,
    #[error("not a Waymark file")]
    NotWaymark,
    #[error("made by a newer version")]
    NewerVersion { found: u64 },
    #[error("unsupported version")]
    UnsupportedVersion { found: u64 },
    #[error("invalid content")]
    Invalid(Vec<Problem>),
}

impl ReadError {
    /// Problems found, at most [`MAX_PROBLEMS`] of them.
    pub fn invalid(mut problems: Vec<Problem>) -> Self {
        problems.truncate(MAX_PROBLEMS);
        ReadError::Invalid(problems)
    }
}

/// Reads JSON text as a `T` by way of a `Value`. Every record in a file or in storage is read
/// from a `Value` (so each can report its own problems); reading the built-in wheels, questions
/// and framework, catalogues and drafts the same way keeps one copy of each type's reading code
/// in the wasm rather than two (one per serde_json reader). A syntax error is `Err(Syntax)`, a
/// value of the wrong shape `Err(Shape)`.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let value: Value = serde_json::from_str(text).map_err(|_| JsonError::Syntax)?;
    T::deserialize(value).map_err(|_| JsonError::Shape)
}

/// Why [`from_json`] could not read a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonError {
    /// Not JSON at all.
    Syntax,
    /// JSON, but not the expected shape.
    Shape,
}

fn depth(v: &Value) -> usize {
    // Iterative, so a hostile file cannot exhaust the stack here.
    let mut max = 0;
    let mut stack = vec![(v, 1usize)];
    while let Some((v, d)) = stack.pop() {
        max = max.max(d);
        match v {
            Value::Array(a) => stack.extend(a.iter().map(|x| (x, d + 1))),
            Value::Object(o) => stack.extend(o.values().map(|x| (x, d + 1))),
            _ => {}
        }
    }
    max
}

/// What a file that is not text is, from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binary {
    /// A photo or picture (PNG, JPEG, GIF, WebP, HEIC, BMP).
    Picture,
    /// A PDF document.
    Pdf,
    /// A compressed folder or an office document (ZIP, which .docx and .xlsx are; gzip, 7z, RAR).
    Archive,
    /// Something else that is not text.
    Other,
}

/// Names a file that is not text by its first bytes; `None` for what may be text.
pub fn sniff(bytes: &[u8]) -> Option<Binary> {
    let starts = |m: &[u8]| bytes.starts_with(m);
    let picture = starts(b"\x89PNG")
        || starts(&[0xFF, 0xD8, 0xFF])
        || starts(b"GIF8")
        || (starts(b"BM") && bytes.get(6..10) == Some(&[0, 0, 0, 0]))
        || (starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
        || (bytes.get(4..8) == Some(b"ftyp")
            && matches!(
                bytes.get(8..12),
                Some(b"heic" | b"heix" | b"mif1" | b"avif")
            ));
    if picture {
        return Some(Binary::Picture);
    }
    if starts(b"%PDF") {
        return Some(Binary::Pdf);
    }
    if starts(b"PK\x03\x04") || starts(&[0x1F, 0x8B]) || starts(b"7z\xBC\xAF") || starts(b"Rar!") {
        return Some(Binary::Archive);
    }
    // Text never holds a NUL byte (UTF-16 text does, and is not UTF-8 either).
    bytes
        .iter()
        .take(4096)
        .any(|b| *b == 0)
        .then_some(Binary::Other)
}

/// A file's bytes as text: refused if bigger than `max`, if they are not text at all (named:
/// a picture, a PDF, an archive), or if they are not UTF-8 (nothing is replaced by "�"). A
/// byte-order mark at the start is dropped.
pub fn text_from_bytes(mut bytes: Vec<u8>, max: usize) -> Result<String, ReadError> {
    if bytes.len() > max {
        return Err(ReadError::TooLarge {
            bytes: bytes.len(),
            max,
        });
    }
    if let Some(kind) = sniff(&bytes) {
        return Err(ReadError::NotText(kind));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)
}

/// Parses text as JSON within the size and depth limits.
pub fn parse_value(text: &str) -> Result<Value, ReadError> {
    parse_value_within(text, MAX_FILE_BYTES)
}

/// Parses text of at most `max` bytes as JSON within the depth limit.
pub fn parse_value_within(text: &str, max: usize) -> Result<Value, ReadError> {
    if text.len() > max {
        return Err(ReadError::TooLarge {
            bytes: text.len(),
            max,
        });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            ReadError::TooDeep
        } else {
            ReadError::NotJson {
                line: e.line(),
                column: e.column(),
            }
        }
    })?;
    if depth(&value) > MAX_DEPTH {
        return Err(ReadError::TooDeep);
    }
    Ok(value)
}

/// Turns serde's message about one record into a typed problem kind.
pub fn classify(err: &serde_json::Error) -> ProblemKind {
    let msg = err.to_string();
    let quoted = || {
        msg.split('`')
            .nth(1)
            .unwrap_or("")
            .chars()
            .take(40)
            .collect::<String>()
    };
    if msg.starts_with("unknown field") {
        ProblemKind::UnknownField(quoted())
    } else if msg.starts_with("missing field") {
        ProblemKind::MissingField(quoted())
    } else if msg.starts_with("unknown variant") {
        ProblemKind::UnknownChoice(quoted())
    } else if msg.starts_with("invalid type") {
        ProblemKind::WrongType
    } else if msg.starts_with("duplicate field") {
        ProblemKind::Duplicate
    } else {
        ProblemKind::BadValue
    }
}

/// Reads content a service made (a wheel, a framework): size, JSON, depth, every field (a
/// wrong one reported at `path`), then the content's own rules. Never panics.
pub fn read_content<T: DeserializeOwned>(
    text: &str,
    path: &str,
    check: impl FnOnce(&T, &mut Checker),
) -> Result<T, ReadError> {
    let value = parse_value(text)?;
    if !value.is_object() {
        return Err(ReadError::NotWaymark);
    }
    let t = T::deserialize(value)
        .map_err(|e| ReadError::Invalid(vec![Problem::new(path, classify(&e))]))?;
    let mut problems = Vec::new();
    check(&t, &mut Checker::new("", &mut problems));
    if problems.is_empty() {
        Ok(t)
    } else {
        Err(ReadError::invalid(problems))
    }
}
