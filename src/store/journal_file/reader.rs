//! Reading: every `journal-<device-id>.jsonl` in the data dir, merged. Damaged lines are reported
//! with file and line number and skipped; the rest is read.

use super::device::is_valid_device_id;
use super::{JournalRead, LineProblem, StoreError};
use crate::domain::records::{Record, RecordBody};
use crate::store::journal_line::{self, LineError};
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

const JOURNAL_PREFIX: &str = "journal-";
const JOURNAL_SUFFIX: &str = ".jsonl";

/// `journal-<device-id>.jsonl` for a device.
pub fn journal_file_name(device_id: &str) -> String {
    format!("{JOURNAL_PREFIX}{device_id}{JOURNAL_SUFFIX}")
}

/// The device id of a journal file name, or None for anything else (side files from a repair,
/// backups, sync-tool copies: they hold a '.' in the middle).
pub fn device_of_file_name(name: &str) -> Option<&str> {
    let device = name
        .strip_prefix(JOURNAL_PREFIX)?
        .strip_suffix(JOURNAL_SUFFIX)?;
    is_valid_device_id(device).then_some(device)
}

/// Suffixes that `rehab journal repair` gives its own files, next to a journal.
const REPAIR_MARKERS: [&str; 3] = [".jsonl.bak-", ".jsonl.rejected-", ".jsonl.tmp-"];

/// The journal files in the data dir, sorted by name. A missing dir has none.
pub fn journal_files(data_dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    Ok(classify_dir(data_dir)?.0)
}

/// (journal files, stray files): a stray file looks like a journal but is not read, e.g. a copy
/// a sync tool made on a conflict (`journal-ab12.sync-conflict-....jsonl`). Both sorted by name.
fn classify_dir(data_dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), StoreError> {
    let entries = match std::fs::read_dir(data_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(StoreError::io("list", data_dir)(e)),
    };
    let mut journals = Vec::new();
    let mut strays = Vec::new();
    for entry in entries {
        let entry = entry.map_err(StoreError::io("list", data_dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // A journal that is a symlink is not read (nor written, nor repaired): its records may
        // be anyone's file; listed as unread, so `journal check` says so.
        let symlink = entry.file_type().is_ok_and(|t| t.is_symlink());
        if symlink && (device_of_file_name(&name).is_some() || is_stray(&name)) {
            strays.push(entry.path());
        } else if device_of_file_name(&name).is_some() {
            journals.push(entry.path());
        } else if is_stray(&name) {
            strays.push(entry.path());
        }
    }
    journals.sort();
    strays.sort();
    Ok((journals, strays))
}

fn is_stray(name: &str) -> bool {
    name.starts_with(JOURNAL_PREFIX)
        && name.contains(JOURNAL_SUFFIX)
        && !REPAIR_MARKERS.iter().any(|m| name.contains(m))
}

/// One line of a journal file, as bytes, with its 1-based number.
pub struct RawLine<'a> {
    pub number: usize,
    pub bytes: &'a [u8],
    /// The file's last line has no newline: probably cut off by a crash.
    pub torn: bool,
}

/// Split file contents into lines, skipping blank ones. A line ends at `\n`, `\r\n` or a lone
/// `\r` (a file saved by an editor or a sync tool on another system). `memchr` finds the line
/// ends many bytes at a time (splitting byte by byte cost a tenth of reading a long journal).
pub fn raw_lines(contents: &[u8]) -> impl Iterator<Item = RawLine<'_>> {
    let mut start = 0;
    let mut number = 0;
    std::iter::from_fn(move || {
        while start < contents.len() {
            number += 1;
            let rest = &contents[start..];
            let (bytes, torn) = match memchr::memchr2(b'\n', b'\r', rest) {
                Some(end) => {
                    let crlf = rest[end] == b'\r' && rest.get(end + 1) == Some(&b'\n');
                    start += end + if crlf { 2 } else { 1 };
                    (&rest[..end], false)
                }
                None => {
                    start = contents.len();
                    (rest, true)
                }
            };
            if !bytes.iter().all(u8::is_ascii_whitespace) {
                return Some(RawLine {
                    number,
                    bytes,
                    torn,
                });
            }
        }
        None
    })
}

/// Parse one raw line: `journal_line::from_line` on its text. A UTF-8 byte order mark before it
/// (an editor's, at the start of the file) is ignored; a key given twice in one object makes the
/// line bad (which value was meant cannot be known).
pub fn parse_line(bytes: &[u8]) -> Result<Record, LineError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| LineError::NotJson(format!("not UTF-8 text: {e}")))?
        .trim_start_matches('\u{FEFF}');
    let record = journal_line::from_line(text)?;
    if may_hide_a_repeated_key(&record.body) {
        super::unique_keys::check(text).map_err(LineError::NotJson)?;
    }
    Ok(record)
}

/// A known field given twice is refused by the record's own reader (and by serde's derived
/// readers inside it); only free-form maps, the red-flag answers and a correction's fields, can
/// still hide one, so only those lines are scanned again (scanning every line cost 15 % of
/// reading 10 years; unknown fields are ignored, so a repeat of one changes nothing).
fn may_hide_a_repeated_key(body: &RecordBody) -> bool {
    match body {
        RecordBody::CheckIn { red_flags, .. } => !red_flags.is_empty(),
        RecordBody::Correction { .. } => true,
        _ => false,
    }
}

/// Bytes of a journal file read at a time. Blocks are parsed a few at a time (one per core), so a
/// long journal is never held as text and as records at once (at 10 years the text is 16 to
/// 20 MB, and whole-file reads put the peak memory above 40 MiB); small enough that a 1-year
/// journal (1.6 to 2 MB) still keeps every core busy.
const BLOCK_ROOM: usize = 512 << 10;
const READ_BLOCK: u64 = BLOCK_ROOM as u64;

/// Journals up to this size (about two and a half years of daily use) are parsed on the
/// calling thread: parser threads would save a few ms there but each one's malloc arena
/// added about 1 MiB to the app's peak memory (docs/performance.md).
const PARSE_HERE_UP_TO: u64 = 4 << 20;

/// Read every journal file in the data dir (a missing dir is an empty journal), every line
/// parsed. Records come back in timestamp order (ids break ties), problems in file and line
/// order.
pub fn read_journal(data_dir: &Path) -> Result<JournalRead, StoreError> {
    let mut records = Vec::new();
    let mut read = read_journal_by_block(data_dir, |block| records.extend(block))?;
    records.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    read.records = records;
    Ok(read)
}

/// A run of whole lines of one journal file, read and waiting to be parsed.
struct Block {
    /// Order among all blocks of all files: results are handed on in this order.
    index: usize,
    file: usize,
    text: Vec<u8>,
    lines_before: usize,
}

/// A block's records in line order, and its bad lines.
struct Parsed {
    index: usize,
    records: Vec<Record>,
    problems: Vec<LineProblem>,
}

/// Read every journal file in the data dir, file by file and block by block, handing each
/// block's records to `visit` in line order (not sorted across blocks or files). The result has
/// the problems, files and unread files, and no records.
///
/// One thread reads blocks, one parser per core parses whole blocks, and the caller replays
/// them in order as they come, so parsing the next blocks overlaps the replay of this one
/// (docs/performance.md has the figures).
pub fn read_journal_by_block(
    data_dir: &Path,
    visit: impl FnMut(Vec<Record>),
) -> Result<JournalRead, StoreError> {
    read_blocks(data_dir, PARSE_HERE_UP_TO, visit)
}

/// `read_journal_by_block`, parsing on the calling thread when the journal files hold at most
/// `parse_here_up_to` bytes (tests use both ways).
fn read_blocks(
    data_dir: &Path,
    parse_here_up_to: u64,
    mut visit: impl FnMut(Vec<Record>),
) -> Result<JournalRead, StoreError> {
    let (files, strays) = classify_dir(data_dir)?;
    let bytes: u64 = files
        .iter()
        .filter_map(|file| std::fs::metadata(file).ok())
        .map(|meta| meta.len())
        .sum();
    if bytes <= parse_here_up_to {
        let mut problems = Vec::new();
        for file in &files {
            read_file(file, &mut |text, lines_before| {
                visit(parse_block(file, &text, lines_before, &mut problems));
            })?;
        }
        return Ok(JournalRead {
            problems,
            files,
            unread: strays,
            ..JournalRead::default()
        });
    }
    let parsers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    // Both queues hold one block at most, so a long journal is never held as text and as
    // records at once: a block in each queue and one per parser are in flight. (The caller
    // drains `done` whenever it is not replaying, so a full queue only waits for it.)
    let (work, todo) = std::sync::mpsc::sync_channel::<Block>(1);
    let todo = std::sync::Mutex::new(todo);
    let (done, results) = std::sync::mpsc::sync_channel::<Parsed>(1);
    let (problems, read) = std::thread::scope(|scope| {
        let files = &files;
        let reader = scope.spawn(move || {
            let mut index = 0;
            for (n, file) in files.iter().enumerate() {
                read_file(file, &mut |text, lines_before| {
                    // A send fails only once every parser is gone: nothing is left to lose.
                    let _ = work.send(Block {
                        index,
                        file: n,
                        text,
                        lines_before,
                    });
                    index += 1;
                })?;
            }
            Ok::<_, StoreError>(())
        });
        for _ in 0..parsers {
            let (todo, done) = (&todo, done.clone());
            scope.spawn(move || {
                loop {
                    let next = todo
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .recv();
                    let Ok(block) = next else { break };
                    let mut problems = Vec::new();
                    let records = parse_block(
                        &files[block.file],
                        &block.text,
                        block.lines_before,
                        &mut problems,
                    );
                    let parsed = Parsed {
                        index: block.index,
                        records,
                        problems,
                    };
                    if done.send(parsed).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        // Blocks finish out of order; each is handed on once those before it have been.
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        let mut problems = Vec::new();
        for parsed in results {
            waiting.insert(parsed.index, parsed);
            while let Some(parsed) = waiting.remove(&next) {
                problems.extend(parsed.problems);
                visit(parsed.records);
                next += 1;
            }
        }
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (problems, read)
    });
    read?;
    Ok(JournalRead {
        problems,
        files,
        unread: strays,
        ..JournalRead::default()
    })
}

/// Read one journal file block by block, handing on the whole lines of each block with the
/// number of lines before them.
fn read_file(file: &Path, send: &mut impl FnMut(Vec<u8>, usize)) -> Result<(), StoreError> {
    let mut source = std::fs::File::open(file).map_err(StoreError::io("read", file))?;
    // Room for a whole block from the start: grown by doubling, each block was copied about
    // twice more on its way to 512 KiB.
    let mut text: Vec<u8> = Vec::with_capacity(BLOCK_ROOM);
    let mut lines_before = 0;
    loop {
        let got = (&mut source)
            .take(READ_BLOCK)
            .read_to_end(&mut text)
            .map_err(StoreError::io("read", file))?;
        if got == 0 {
            // The end: what is left is the last line, torn if it has no newline.
            if !text.is_empty() {
                send(text, lines_before);
            }
            return Ok(());
        }
        // Whole lines only; a line cut by the block waits for the rest.
        if let Some(last_newline) = memchr::memrchr(b'\n', &text) {
            let cut = last_newline + 1;
            let mut next = Vec::with_capacity(BLOCK_ROOM + (text.len() - cut));
            next.extend_from_slice(&text[cut..]);
            text.truncate(cut);
            let lines = memchr::memchr_iter(b'\n', &text).count();
            send(std::mem::replace(&mut text, next), lines_before);
            lines_before += lines;
        }
    }
}

/// Parse `contents`, the part of `file` after its first `lines_before` lines: its records in
/// line order, its problems added to `problems`.
fn parse_block(
    file: &Path,
    contents: &[u8],
    lines_before: usize,
    problems: &mut Vec<LineProblem>,
) -> Vec<Record> {
    let lines: Vec<RawLine> = raw_lines(contents).collect();
    let mut records = Vec::with_capacity(lines.len());
    for (line, parsed) in lines.iter().map(|line| (line, parse_line(line.bytes))) {
        match parsed {
            Ok(record) => records.push(record),
            Err(error) => problems.push(LineProblem {
                file: file.to_path_buf(),
                line: lines_before + line.number,
                error,
                text: String::from_utf8_lossy(line.bytes).into_owned(),
                torn: line.torn,
            }),
        }
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_device_journal_names_count() {
        assert_eq!(device_of_file_name("journal-ab12.jsonl"), Some("ab12"));
        for other in [
            "journal-ab12.jsonl.rejected-20260302T073000.jsonl",
            "journal-ab12.jsonl.bak-20260302T073000",
            "journal-ab12.sync-conflict-1.jsonl",
            "journal-.jsonl",
            "notes.jsonl",
        ] {
            assert_eq!(device_of_file_name(other), None, "{other}");
        }
    }

    #[test]
    fn parse_line_agrees_with_journal_line_from_line() {
        let lines = [
            r#"{"v":1,"id":"d-1","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"check_in","pain":3}"#,
            r#"{"v":1,"id":"d-2","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"run_logged","minutes":24.5,"rpe":4,"pain":2}"#,
            r#"{"v":2,"id":"d-3","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"hologram"}"#,
            r#"{"v":"1","id":"d-4","kind":"note","text":"x"}"#,
            r#"{"id":"d-5","kind":"note","text":"x"}"#,
            r#"{"v":1,"id":"d-6","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"check_in","pain":11}"#,
            r#"{"v":1,"id":"d-7","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","kind":"teleport"}"#,
            r#"{"v":1,"id":"#,
            "[1,2]",
        ];
        for line in lines {
            assert_eq!(
                parse_line(line.as_bytes()),
                journal_line::from_line(line),
                "{line}"
            );
        }
    }

    #[test]
    fn a_key_given_twice_anywhere_makes_the_line_bad() {
        let start = r#"{"v":1,"id":"d-1","at":"2026-03-02T07:30:00+01:00","date":"2026-03-02","#;
        let plan = |phase: &str, decision: &str| {
            format!(
                r#""kind":"session_started","plan":{{"programme":"p","phase":"P1"{phase},"decision":{{"decision":"hold"{decision}}},"exercises":[]}}}}"#
            )
        };
        let lines = [
            format!(r#"{start}"kind":"check_in","pain":2,"pain":9}}"#),
            format!(
                r#"{start}"kind":"check_in","red_flags":{{"night_pain":false,"night_pain":true}}}}"#
            ),
            format!("{start}{}", plan(r#","phase":"P2""#, "")),
            format!("{start}{}", plan("", r#","decision":"progress""#)),
            format!(
                r#"{start}"kind":"correction","target":"d-0","fields":{{"pain":1,"pain":2}}}}"#
            ),
        ];
        for line in &lines {
            assert!(parse_line(line.as_bytes()).is_err(), "{line}");
        }
        let once = format!("{start}{}", plan("", ""));
        assert!(parse_line(once.as_bytes()).is_ok(), "{once}");
    }

    #[test]
    fn sync_copies_are_strays_but_repair_files_are_not() {
        assert!(is_stray(
            "journal-ab12.sync-conflict-20260302-073000-XYZ.jsonl"
        ));
        assert!(is_stray("journal-ab12 (conflicted copy).jsonl"));
        assert!(!is_stray(
            "journal-ab12.jsonl.rejected-20260302T073000.jsonl"
        ));
        assert!(!is_stray("journal-ab12.jsonl.bak-20260302T073000"));
        assert!(!is_stray("journal-ab12.lock"));
        assert!(!is_stray("device-id"));
    }

    proptest::proptest! {
        /// Same lines, numbers and torn mark as splitting on every newline byte by byte.
        #[test]
        fn raw_lines_match_a_plain_split(text in "[a \\n\\t{}]{0,40}") {
            let contents = text.as_bytes();
            let pieces: Vec<&[u8]> = contents.split(|&b| b == b'\n').collect();
            let expected: Vec<(usize, &[u8], bool)> = pieces
                .iter()
                .enumerate()
                .filter(|(_, p)| !p.iter().all(u8::is_ascii_whitespace))
                .map(|(i, p)| (i + 1, *p, i + 1 == pieces.len() && !contents.ends_with(b"\n")))
                .collect();
            let got: Vec<(usize, &[u8], bool)> =
                raw_lines(contents).map(|l| (l.number, l.bytes, l.torn)).collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn a_journal_of_many_blocks_comes_back_in_line_order_with_its_damaged_lines() {
        // Blocks are parsed on several threads and finish in any order; the caller must still
        // see the records in line order, and the bad lines in line order with their numbers.
        let dir = tempfile::tempdir().unwrap();
        let text = "x".repeat(400);
        let count = (READ_BLOCK as usize * 5) / 500;
        let contents: String = (0..count)
            .map(|i| {
                if i % 997 == 0 {
                    format!("{{\"v\":1,\"id\":\"d-{i}\"\n")
                } else {
                    format!(
                        "{{\"v\":1,\"id\":\"d-{i:06}\",\"at\":\"2026-03-02T07:30:00+01:00\",\"date\":\"2026-03-02\",\"kind\":\"note\",\"text\":\"{text}\"}}\n"
                    )
                }
            })
            .collect();
        std::fs::write(dir.path().join("journal-ab12.jsonl"), contents).unwrap();
        // Parser threads, then the calling thread alone: the same records and problems.
        for parse_here_up_to in [0, u64::MAX] {
            let mut ids = Vec::new();
            let read = read_blocks(dir.path(), parse_here_up_to, |block| {
                ids.extend(block.into_iter().map(|r| r.id.0));
            })
            .unwrap();
            let expected: Vec<String> = (0..count)
                .filter(|i| i % 997 != 0)
                .map(|i| format!("d-{i:06}"))
                .collect();
            assert_eq!(ids, expected, "parse here up to {parse_here_up_to}");
            let bad: Vec<usize> = read.problems.iter().map(|p| p.line).collect();
            let expected_bad: Vec<usize> =
                (0..count).filter(|i| i % 997 == 0).map(|i| i + 1).collect();
            assert_eq!(bad, expected_bad, "parse here up to {parse_here_up_to}");
        }
    }

    #[test]
    fn a_file_longer_than_a_block_reads_as_a_whole_with_its_line_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let line = |i: usize| {
            format!(
                "{{\"v\":1,\"id\":\"d-{i}\",\"at\":\"2026-03-02T07:30:00+01:00\",\"date\":\"2026-03-02\",\"kind\":\"note\",\"text\":\"{}\"}}\n",
                "x".repeat(i % 300)
            )
        };
        let mut text = String::new();
        let mut i = 0;
        while text.len() < 3 * READ_BLOCK as usize {
            i += 1;
            text.push_str(&line(i));
        }
        // A damaged line past the first blocks, then a torn last line.
        text.push_str("{\"v\":1,\"id\":\n");
        let damaged = i + 1;
        text.push_str("{\"v\":1");
        std::fs::write(dir.path().join("journal-ab12.jsonl"), &text).unwrap();
        let read = read_journal(dir.path()).unwrap();
        assert_eq!(read.records.len(), i);
        let lines: Vec<(usize, bool)> = read.problems.iter().map(|p| (p.line, p.torn)).collect();
        assert_eq!(lines, vec![(damaged, false), (damaged + 1, true)]);
    }

    #[test]
    fn lines_are_numbered_and_a_torn_tail_is_marked() {
        let lines: Vec<(usize, bool)> = raw_lines(b"a\n\nb\nc")
            .map(|l| (l.number, l.torn))
            .collect();
        assert_eq!(lines, vec![(1, false), (3, false), (4, true)]);
        assert_eq!(raw_lines(b"a\n").count(), 1);
        assert_eq!(raw_lines(b"").count(), 0);
    }
}
