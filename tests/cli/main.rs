//! The integration tests: one binary, one module per area.

mod input;
mod support;
mod tm_convert;
mod tm_formats;
mod tm_props;
