using System.Buffers;

namespace CodingRules.Encounters;

/// <summary>
/// Reads a stream line by line without decoding it, keeping only the current line (and what follows it in the
/// last block read) in memory. A UTF-8 byte order mark at the start is dropped. Not thread-safe; does not own
/// the stream.
/// </summary>
internal sealed class Utf8LineReader(Stream stream)
{
    private const int BlockSize = 64 * 1024;

    private byte[] _buffer = new byte[BlockSize];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _bomChecked;

    /// <summary>1-based number of the line last returned (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The next line, including its line break when it has one. The memory is valid only until the next call.
    /// </summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            int newLine = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newLine >= 0)
            {
                line = _buffer.AsMemory(_start, newLine + 1);
                _start += newLine + 1;
                _bomChecked = true;
                LineNumber++;
                return true;
            }

            if (_endOfStream)
            {
                line = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
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

    /// <summary>Appends everything not yet returned as a line to <paramref name="destination"/>.</summary>
    public void CopyRestTo(ArrayBufferWriter<byte> destination)
    {
        while (!_endOfStream)
        {
            Fill();
        }

        destination.Write(_buffer.AsSpan(_start, _end - _start));
        _start = _end;
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
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _endOfStream = read == 0;
        if (!_bomChecked && (_end >= 3 || _endOfStream))
        {
            _bomChecked = true;
            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _start = 3;
            }
        }
    }
}
