//! The `tralign` binary: parse the command line, run the command, map the outcome to an exit code
//! (0 ok, 1 checks found problems, 2 error). All work lives in the library and `cmd/`.

mod cli;
mod cmd;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Segment(args) => cmd::segment::run(args),
        cli::Command::Align(args) => cmd::align::run(args),
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::Batch(args) => cmd::batch::run(args),
        cli::Command::Convert(args) => cmd::convert::run(args),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            if let Some(e) = err.downcast_ref::<tralign::Error>()
                && tralign::io::is_broken_pipe(e)
            {
                std::process::exit(0);
            }
            if let Some(e) = err.downcast_ref::<std::io::Error>()
                && e.kind() == std::io::ErrorKind::BrokenPipe
            {
                std::process::exit(0);
            }
            eprintln!("tralign: error: {err:#}");
            std::process::exit(2);
        }
    }
}
