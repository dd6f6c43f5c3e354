namespace CodingRules.Cli.Service;

/// <summary>
/// A request body read through a token: each read first checks it, so a synchronous pipeline reading the body (an
/// NDJSON batch, an impact replay) ends at its next read once the request's time is up or the client has gone, with
/// <see cref="OperationCanceledException"/>. Between two reads the pipeline evaluates at most the records one read
/// returned, so the time past the limit is bounded by one buffer's worth of evaluation. When the body is the
/// request's own (<paramref name="connection"/> given), the connection is also closed when the token is cancelled,
/// so that a read waiting for a client that has stopped sending ends too.
/// </summary>
internal sealed class DeadlineStream(Stream inner, CancellationToken token, Microsoft.AspNetCore.Http.HttpContext? connection = null) : Stream
{
    private readonly CancellationTokenRegistration _abort = connection is null ? default : token.Register(connection.Abort);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        token.ThrowIfCancellationRequested();
        return inner.Read(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        token.ThrowIfCancellationRequested();
        using var both = CancellationTokenSource.CreateLinkedTokenSource(token, cancellationToken);
        return await inner.ReadAsync(buffer, both.Token);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _abort.Dispose();
        }

        base.Dispose(disposing);
    }
}
