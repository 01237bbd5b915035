//! Issue files and texts as the SQLite store keeps them since schema
//! version 6: compressed with zstd in independent blocks, so that a
//! document's own text is read by decompressing only the blocks its span
//! covers, never the whole issue (issue 17 §3: the originals, kept once,
//! were the largest part of the store).
//!
//! The form: a header of the length before compression (8 bytes), the
//! block size (4 bytes) and the number of blocks `n` (4 bytes); then `n + 1`
//! offsets (8 bytes each) of the blocks' frames, counted from the end of
//! the offsets (the last is the end of the frames); then the frames. Every
//! number is little-endian. Each block but the last holds [`BLOCK`] bytes
//! before compression.
//!
//! Not for: deciding which column holds what (`write`, `read`).

use std::io::{Error, ErrorKind};

/// Bytes of a block before compression: a document (a few kilobytes) lies
/// in one or two, and blocks this size lose about a fifth of the gain of
/// compressing the whole file at once.
const BLOCK: usize = 32 * 1024;

/// The zstd level: the file is compressed once, at ingest, and read often.
const LEVEL: i32 = 6;

/// Bytes of the header before the offsets.
const HEADER: usize = 16;

/// `data` packed in blocks.
pub(crate) fn pack(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let blocks: Vec<&[u8]> = data.chunks(BLOCK).collect();
    let mut compressor = zstd::bulk::Compressor::new(LEVEL)?;
    let mut frames = Vec::with_capacity(data.len() / 2);
    let mut offsets = Vec::with_capacity(blocks.len() + 1);
    for block in &blocks {
        offsets.push(frames.len());
        frames.extend(compressor.compress(block)?);
    }
    offsets.push(frames.len());
    let mut packed = Vec::with_capacity(HEADER + offsets.len() * 8 + frames.len());
    packed.extend(u64_of(data.len())?.to_le_bytes());
    packed.extend(u32_of(BLOCK)?.to_le_bytes());
    packed.extend(u32_of(blocks.len())?.to_le_bytes());
    for offset in offsets {
        packed.extend(u64_of(offset)?.to_le_bytes());
    }
    packed.extend(frames);
    Ok(packed)
}

/// The whole of what [`pack`] packed.
pub(crate) fn unpack(packed: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut read = |offset: usize, buf: &mut [u8]| {
        let source = offset
            .checked_add(buf.len())
            .and_then(|end| packed.get(offset..end))
            .ok_or_else(|| damaged("cut short"))?;
        buf.copy_from_slice(source);
        Ok(())
    };
    let len = header(&mut read)?.len;
    range(read, 0, len)
}

/// Bytes `start..end` of what [`pack`] packed, read with `read(offset,
/// buf)` (which fills `buf` from `offset` of the packed value), decompressing
/// only the blocks they lie in.
pub(crate) fn range(
    mut read: impl FnMut(usize, &mut [u8]) -> std::io::Result<()>,
    start: usize,
    end: usize,
) -> std::io::Result<Vec<u8>> {
    let head = header(&mut read)?;
    if start > end || end > head.len {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!("bytes {start}..{end} of {}", head.len),
        ));
    }
    if start == end {
        return Ok(Vec::new());
    }
    let (first, last) = (start / head.block, (end - 1) / head.block);
    let mut offsets = vec![0; (last - first + 2) * 8];
    read(HEADER + first * 8, &mut offsets)?;
    let offsets: Vec<usize> = offsets
        .chunks_exact(8)
        .map(|b| usize_of(u64::from_le_bytes(b.try_into().unwrap_or_default())))
        .collect::<std::io::Result<_>>()?;
    let frames_at = HEADER + (head.blocks + 1) * 8;
    let (from, to) = (offsets[0], offsets[offsets.len() - 1]);
    if to < from {
        return Err(damaged("offsets out of order"));
    }
    let mut frames = vec![0; to - from];
    read(frames_at + from, &mut frames)?;
    let mut out = Vec::with_capacity((last - first + 1) * head.block);
    let mut decompressor = zstd::bulk::Decompressor::new()?;
    for pair in offsets.windows(2) {
        if pair[1] < pair[0] || pair[0] < from {
            return Err(damaged("offsets out of order"));
        }
        let frame = frames
            .get(pair[0] - from..pair[1] - from)
            .ok_or_else(|| damaged("offsets out of order"))?;
        out.extend(decompressor.decompress(frame, head.block)?);
    }
    let skip = start - first * head.block;
    out.get(skip..skip + (end - start))
        .map(<[u8]>::to_vec)
        .ok_or_else(|| damaged("a block shorter than its size"))
}

/// What the header says.
struct Header {
    len: usize,
    block: usize,
    blocks: usize,
}

fn header(
    read: &mut impl FnMut(usize, &mut [u8]) -> std::io::Result<()>,
) -> std::io::Result<Header> {
    let mut bytes = [0; HEADER];
    read(0, &mut bytes)?;
    let len = u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default());
    let block = u32::from_le_bytes(bytes[8..12].try_into().unwrap_or_default());
    let blocks = u32::from_le_bytes(bytes[12..16].try_into().unwrap_or_default());
    let head = Header {
        len: usize_of(len)?,
        block: usize_of(u64::from(block))?,
        blocks: usize_of(u64::from(blocks))?,
    };
    if head.block == 0 || head.len.div_ceil(head.block) != head.blocks {
        return Err(damaged("a header that does not add up"));
    }
    Ok(head)
}

fn damaged(what: &str) -> Error {
    Error::new(ErrorKind::InvalidData, format!("packed issue file: {what}"))
}

fn u64_of(n: usize) -> std::io::Result<u64> {
    u64::try_from(n).map_err(|_| Error::new(ErrorKind::InvalidInput, "too large"))
}

fn u32_of(n: usize) -> std::io::Result<u32> {
    u32::try_from(n).map_err(|_| Error::new(ErrorKind::InvalidInput, "too large"))
}

fn usize_of(n: u64) -> std::io::Result<usize> {
    usize::try_from(n).map_err(|_| damaged("a number too large for this machine"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        (0..5000)
            .map(|i| format!("第{i}条 各区市人民政府要加强组织领导，落实工作责任。\n"))
            .collect::<String>()
            .into_bytes()
    }

    fn reader(packed: &[u8]) -> impl FnMut(usize, &mut [u8]) -> std::io::Result<()> + '_ {
        move |offset, buf| {
            buf.copy_from_slice(&packed[offset..offset + buf.len()]);
            Ok(())
        }
    }

    #[test]
    fn every_range_comes_back_as_it_went_in() {
        let data = sample();
        assert!(data.len() > 4 * BLOCK);
        let packed = pack(&data).expect("pack");
        assert!(
            packed.len() * 3 < data.len(),
            "{} of {}",
            packed.len(),
            data.len()
        );
        assert_eq!(unpack(&packed).expect("unpack"), data);
        for (start, end) in [
            (0, 0),
            (0, 1),
            (10, BLOCK),
            (BLOCK - 3, BLOCK + 3),
            (BLOCK, 2 * BLOCK),
            (BLOCK + 5, 3 * BLOCK + 7),
            (data.len() - 9, data.len()),
            (0, data.len()),
        ] {
            let got = range(reader(&packed), start, end).expect("range");
            assert_eq!(got, &data[start..end], "{start}..{end}");
        }
        assert!(range(reader(&packed), 5, data.len() + 1).is_err());
    }

    #[test]
    fn nothing_and_damage() {
        let packed = pack(b"").expect("pack nothing");
        assert!(unpack(&packed).expect("unpack nothing").is_empty());
        let packed = pack(&sample()).expect("pack");
        assert!(unpack(&packed[..packed.len() - 10]).is_err());
        assert!(unpack(&packed[..10]).is_err());
        let mut bad = packed.clone();
        bad[8] = 0;
        bad[9] = 0;
        bad[10] = 0;
        bad[11] = 0;
        assert!(unpack(&bad).is_err());
    }
}
