namespace CodingRules.Encounters;

/// <summary>
/// Reads a stream line by line without decoding it, keeping only the current line (and what follows it in the
/// last block read) in memory. A line longer than the limit given is cut while it is read: its first
/// <c>keepOfCutLine</c> bytes (at most) are returned, so that a reader of records sees it is too large, and the
/// rest is read past, never held. Memory is bounded by the limit plus one block, and each byte is read and scanned once,
/// whatever the stream delivers per read (a pipe gives a few kilobytes at a time). A UTF-8 byte order mark at the
/// start is dropped. Not thread-safe; does not own the stream.
/// </summary>
internal sealed class Utf8LineReader(Stream stream, int maxLineBytes, int keepOfCutLine)
{
    private int _maxLineBytes = maxLineBytes;

    private const int BlockSize = 64 * 1024;

    private byte[] _buffer = new byte[BlockSize];
    private int _start;
    private int _end;

    // Note: how far past _start the buffer was already searched for a line break, so that a long line arriving in
    // many small reads is scanned once, not once per read.
    private int _scanned;
    private bool _endOfStream;
    private bool _bomChecked;

    /// <summary>The longest line returned whole; a longer one is cut (see <see cref="LastLineWasCut"/>).</summary>
    public int MaxLineBytes
    {
        get => _maxLineBytes;
        set => _maxLineBytes = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>1-based number of the line last returned (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the line last returned was longer than the limit (only its first bytes were returned).</summary>
    public bool LastLineWasCut { get; private set; }

    /// <summary>
    /// The next line, including its line break when it has one (a line cut at the limit has none). The memory is
    /// valid only until the next call.
    /// </summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        LastLineWasCut = false;
        while (true)
        {
            var newLine = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            if (newLine >= 0)
            {
                var length = _scanned + newLine + 1;
                if (length > _maxLineBytes + 1)
                {
                    return Cut(out line, _start + length);
                }

                line = _buffer.AsMemory(_start, length);
                _start += length;
                _scanned = 0;
                _bomChecked = true;
                LineNumber++;
                return true;
            }

            _scanned = _end - _start;
            if (_scanned > _maxLineBytes)
            {
                return Cut(out line, -1);
            }

            if (_endOfStream)
            {
                line = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                _scanned = 0;
                if (line.IsEmpty)
                {
                    return false;
                }

                LineNumber++;
                return true;
            }

            Fill();
        }
    }

    /// <summary>
    /// Returns the first bytes of the current line as a copy and reads past the rest: up to
    /// <paramref name="lineEnd"/> in the buffer when its break was found there, else to the next line break.
    /// </summary>
    private bool Cut(out ReadOnlyMemory<byte> line, int lineEnd)
    {
        line = _buffer.AsSpan(_start, Math.Min(_maxLineBytes + 1, keepOfCutLine)).ToArray();
        LineNumber++;
        LastLineWasCut = true;
        _bomChecked = true;
        if (lineEnd >= 0)
        {
            _start = lineEnd;
            _scanned = 0;
            return true;
        }

        while (true)
        {
            _start = _end;
            _scanned = 0;
            if (_endOfStream)
            {
                return true;
            }

            Fill();
            var newLine = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newLine >= 0)
            {
                _start += newLine + 1;
                return true;
            }
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // Note: a line is at most the limit + 1 bytes before it is cut, so the buffer never grows past that and a block.
            Array.Resize(ref _buffer, (int)Math.Max(_end + (long)BlockSize, Math.Min(_buffer.Length * 2L, _maxLineBytes + 1L + BlockSize)));
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _endOfStream = read == 0;
        if (!_bomChecked && (_end >= 3 || _endOfStream))
        {
            _bomChecked = true;
            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _start = 3;
                _scanned = 0;
            }
        }
    }
}
