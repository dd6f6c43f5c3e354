using System.Runtime.InteropServices;
using System.Text;

namespace CodingRules.Diff;

/// <summary>
/// Where part of an impact report waits while the replay runs, because the report says its totals before it lists
/// the encounters: a temporary file (or, for a report already in memory, a memory stream), copied into the output at
/// the end. Text is kept as the UTF-16 code units it was written as, so copying it back gives the writer the very
/// characters it would have been given (its encoding decides the bytes, as before). Not thread-safe.
/// </summary>
/// <remarks>
/// A temporary file is created only its owner can read (0600) and, except on Windows, unlinked as soon as it is
/// open: it holds patients' encounters, and nothing is left behind, whatever ends the process. On Windows it is
/// deleted when closed. Either way it is closed (and gone) when this is disposed, also after a failure.
/// </remarks>
internal sealed class ImpactSpill : IDisposable
{
    private const int CopyBlock = 64 * 1024;
    private readonly Stream _stream;
    private RawCharWriter? _text;

    private ImpactSpill(Stream stream) => _stream = stream;

    /// <summary>The spill's bytes, for a writer of bytes (JSON). Written from position 0 on.</summary>
    public Stream Stream => _stream;

    /// <summary>A spill kept in memory (for a report whose records are in memory already).</summary>
    public static ImpactSpill InMemory() => new(new MemoryStream());

    /// <summary>A spill in a new temporary file in <paramref name="directory"/> (default: the system's temporary folder).</summary>
    public static ImpactSpill InTemporaryFile(string? directory = null)
    {
        var path = Path.Combine(directory ?? Path.GetTempPath(), $"codingrules-impact-{Path.GetRandomFileName()}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = CopyBlock,
            Options = OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                File.Delete(path);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        return new ImpactSpill(file);
    }

    /// <summary>A writer of text into the spill, ending lines with <paramref name="newLine"/> (the output's own).</summary>
    public TextWriter Text(string newLine) => _text ??= new RawCharWriter(_stream) { NewLine = newLine };

    /// <summary>Writes the text written so far to <paramref name="output"/>, character for character.</summary>
    public void CopyTextTo(TextWriter output)
    {
        _text?.Flush();
        _stream.Position = 0;
        var buffer = new byte[CopyBlock];
        int read;
        while ((read = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
        {
            output.Write(MemoryMarshal.Cast<byte, char>(buffer.AsSpan(0, read)));
        }
    }

    /// <summary>Writes the bytes written so far, from <paramref name="from"/> on, to <paramref name="output"/>.</summary>
    public void CopyBytesTo(Stream output, long from)
    {
        _stream.Flush();
        _stream.Position = from;
        _stream.CopyTo(output, CopyBlock);
    }

    public void Dispose()
    {
        _text?.Dispose();
        _stream.Dispose();
    }

    /// <summary>Writes characters as their UTF-16 code units, whatever they are (a lone surrogate included).</summary>
    private sealed class RawCharWriter(Stream stream) : TextWriter
    {
        private readonly char[] _buffer = new char[8 * 1024];
        private int _count;

        public override Encoding Encoding => Encoding.Unicode;

        public override void Write(char value)
        {
            if (_count == _buffer.Length)
            {
                Flush();
            }

            _buffer[_count++] = value;
        }

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(ReadOnlySpan<char> buffer)
        {
            while (!buffer.IsEmpty)
            {
                if (_count == _buffer.Length)
                {
                    Flush();
                }

                var n = Math.Min(buffer.Length, _buffer.Length - _count);
                buffer[..n].CopyTo(_buffer.AsSpan(_count));
                _count += n;
                buffer = buffer[n..];
            }
        }

        public override void Flush()
        {
            stream.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, _count)));
            _count = 0;
        }

        protected override void Dispose(bool disposing)
        {
            // Note: the stream is the spill's, closed by it; what is still buffered is of no use once the spill goes.
            _count = 0;
            base.Dispose(disposing);
        }
    }
}
