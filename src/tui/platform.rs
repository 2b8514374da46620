//! What differs between systems for a screen: the signals that end a
//! run, and a terminal that an earlier run left raw.
//!
//! | | Unix (Linux, macOS) | Windows |
//! | --- | --- | --- |
//! | [`Stop::Interrupt`] | SIGINT | Ctrl-C (outside raw mode; in it Ctrl-C is a key) |
//! | [`Stop::Terminate`] | SIGTERM | Ctrl-Break |
//! | [`Stop::Hangup`] | SIGHUP | the console window closes (the system ends the process within seconds) |
//!
//! Each stops the run the same way: everything saved, the terminal put
//! back. A hangup ends it at once: the terminal is gone or going.

/// Why the system asks a screen to stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// SIGTERM; Ctrl-Break on Windows.
    Terminate,
    /// SIGHUP; the console closing on Windows: save and leave at once.
    Hangup,
    /// SIGINT; Ctrl-C on Windows.
    Interrupt,
}

/// The system's requests to stop, for as long as it lives: once it is
/// made, none of them is any more the default "die at once".
pub struct Signals {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hangup: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(windows)]
    ctrl_break: tokio::signal::windows::CtrlBreak,
    #[cfg(windows)]
    ctrl_close: tokio::signal::windows::CtrlClose,
    #[cfg(windows)]
    ctrl_c: tokio::signal::windows::CtrlC,
}

impl Signals {
    /// Listens to all of them; needs a tokio runtime with its drivers on.
    #[cfg(unix)]
    pub fn new() -> std::io::Result<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Signals {
            terminate: signal(SignalKind::terminate())?,
            hangup: signal(SignalKind::hangup())?,
            interrupt: signal(SignalKind::interrupt())?,
        })
    }

    /// Listens to all of them; needs a tokio runtime with its drivers on.
    #[cfg(windows)]
    pub fn new() -> std::io::Result<Signals> {
        use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close};
        Ok(Signals {
            ctrl_break: ctrl_break()?,
            ctrl_close: ctrl_close()?,
            ctrl_c: ctrl_c()?,
        })
    }

    /// The next request to stop (cancel-safe: for a `select!` arm).
    #[cfg(unix)]
    pub async fn next(&mut self) -> Stop {
        tokio::select! {
            _ = self.terminate.recv() => Stop::Terminate,
            _ = self.hangup.recv() => Stop::Hangup,
            _ = self.interrupt.recv() => Stop::Interrupt,
        }
    }

    /// The next request to stop (cancel-safe: for a `select!` arm).
    #[cfg(windows)]
    pub async fn next(&mut self) -> Stop {
        tokio::select! {
            _ = self.ctrl_break.recv() => Stop::Terminate,
            _ = self.ctrl_close.recv() => Stop::Hangup,
            _ = self.ctrl_c.recv() => Stop::Interrupt,
        }
    }
}

/// Whether the terminal on standard input is raw already (an earlier run
/// was killed before it could put it back): then "as it was" is no use
/// when we leave, and [`make_terminal_sane`] is.
#[cfg(unix)]
pub fn terminal_left_raw() -> bool {
    unix::left_raw(std::io::stdin())
}

/// Whether the console is raw already (an earlier run was killed before
/// it could put it back). Crossterm reads the console's mode itself here
/// (on Unix it only knows whether it made the terminal raw).
#[cfg(windows)]
pub fn terminal_left_raw() -> bool {
    ratatui::crossterm::terminal::is_raw_mode_enabled().unwrap_or(false)
}

/// Line editing, echo and signal keys back on, whatever the terminal was
/// before (what `stty sane` does to what raw mode changes).
#[cfg(unix)]
pub fn make_terminal_sane() {
    unix::make_sane(std::io::stdin());
}

/// Line input, echo and Ctrl-C back on: crossterm's leaving raw mode on
/// Windows switches those on rather than going back to what was.
#[cfg(windows)]
pub fn make_terminal_sane() {
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
}

#[cfg(unix)]
mod unix {
    use std::os::fd::AsFd;

    use rustix::termios::{InputModes, LocalModes, OptionalActions, OutputModes};

    pub fn left_raw(tty: impl AsFd) -> bool {
        rustix::termios::tcgetattr(tty).is_ok_and(|t| {
            !t.local_modes
                .intersects(LocalModes::ICANON | LocalModes::ECHO)
        })
    }

    pub fn make_sane(tty: impl AsFd) {
        let Ok(mut t) = rustix::termios::tcgetattr(&tty) else {
            return;
        };
        t.local_modes |= LocalModes::ICANON
            | LocalModes::ECHO
            | LocalModes::ECHOE
            | LocalModes::ECHOK
            | LocalModes::ISIG
            | LocalModes::IEXTEN;
        t.input_modes |= InputModes::ICRNL | InputModes::IXON | InputModes::BRKINT;
        t.output_modes |= OutputModes::OPOST | OutputModes::ONLCR;
        let _ = rustix::termios::tcsetattr(&tty, OptionalActions::Now, &t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    /// Each signal, sent from outside, arrives as its stop, and the
    /// process lives on.
    #[cfg(unix)]
    #[test]
    fn unix_signals_arrive_as_stops() {
        runtime().block_on(async {
            let mut signals = Signals::new().unwrap();
            for (name, stop) in [
                ("TERM", Stop::Terminate),
                ("HUP", Stop::Hangup),
                ("INT", Stop::Interrupt),
            ] {
                let sent = std::process::Command::new("kill")
                    .args([&format!("-{name}"), &std::process::id().to_string()])
                    .status()
                    .unwrap();
                assert!(sent.success());
                let got = tokio::time::timeout(Duration::from_secs(10), signals.next())
                    .await
                    .unwrap_or_else(|_| panic!("SIG{name} did not arrive"));
                assert_eq!(got, stop, "SIG{name}");
            }
        });
    }

    /// The console's handlers are taken, and nothing arrives by itself.
    /// (Nothing here can press Ctrl-C without `unsafe`: the mapping is
    /// what the code above says.)
    #[cfg(windows)]
    #[test]
    fn windows_console_handlers_are_taken() {
        runtime().block_on(async {
            let mut signals = Signals::new().unwrap();
            let quiet = tokio::time::timeout(Duration::from_millis(100), signals.next()).await;
            assert!(quiet.is_err(), "a stop that nobody asked for: {quiet:?}");
        });
    }

    /// Without a console (the tests' standard input), nothing is raw and
    /// making it sane does nothing.
    #[cfg(windows)]
    #[test]
    fn windows_without_a_console_nothing_is_raw() {
        make_terminal_sane();
        assert!(!terminal_left_raw());
    }

    /// A terminal left raw is seen as such and made sane again.
    #[cfg(unix)]
    #[test]
    fn a_raw_terminal_is_made_sane() {
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().unwrap())
            .unwrap();
        assert!(!unix::left_raw(&tty), "a new terminal is not raw");
        let mut t = tcgetattr(&tty).unwrap();
        t.make_raw();
        tcsetattr(&tty, OptionalActions::Now, &t).unwrap();
        assert!(unix::left_raw(&tty));
        unix::make_sane(&tty);
        assert!(!unix::left_raw(&tty));
        let t = tcgetattr(&tty).unwrap();
        assert!(t.local_modes.contains(LocalModes::ISIG | LocalModes::ECHO));
        // Not a terminal: nothing to see, nothing done.
        let file = tempfile::tempfile().unwrap();
        assert!(!unix::left_raw(&file));
        unix::make_sane(&file);
    }
}
