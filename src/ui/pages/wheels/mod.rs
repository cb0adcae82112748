//! Outcome wheels: every family's wheels ([`WheelsPage`]), one family's wheels ([`family`]),
//! and scoring a reading ([`score`]). A reading in progress is kept on the device.

pub mod family;
#[cfg(feature = "staff")]
mod list;
pub mod score;
#[cfg(feature = "staff")]
pub use list::WheelsPage;
