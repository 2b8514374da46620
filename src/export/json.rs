//! The `oogst-harvest` document of the spec.

use std::io::Write;

use crate::merge::Harvest;

pub fn write(h: &Harvest, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, h)?;
    out.write_all(b"\n")
}
