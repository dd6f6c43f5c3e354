using System.Text;

namespace CodingRules.Tests.Service;

/// <summary>A request body written by the test as it goes (a pipe: reads wait for the next write).</summary>
internal sealed class SlowBody : Stream
{
    private readonly System.IO.Pipelines.Pipe _pipe = new();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public async Task Write(string text)
    {
        await _pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _pipe.Writer.FlushAsync();
    }

    public void End() => _pipe.Writer.Complete();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _pipe.Reader.ReadAsync(cancellationToken);
        if (read.Buffer.IsEmpty && read.IsCompleted)
        {
            return 0;
        }

        var n = (int)Math.Min(buffer.Length, read.Buffer.Length);
        System.Buffers.BuffersExtensions.CopyTo(read.Buffer.Slice(0, n), buffer.Span);
        _pipe.Reader.AdvanceTo(read.Buffer.GetPosition(n));
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
