using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CodingRules.Benchmarks.Processes;

namespace CodingRules.Benchmarks.ServiceLoad;

/// <summary>
/// Closed-loop HTTP clients against <c>POST /v1/evaluate</c>: each client sends one request, reads its answer to the
/// end, and sends the next, until the duration is over; the clients share one <see cref="HttpClient"/> (one
/// <see cref="SocketsHttpHandler"/>, so one kept-alive connection per client). Every request has its own timeout.
/// Single requests send one encounter as <c>application/json</c>, cycling through the corpus from a starting point of
/// their own; batch requests send a batch of records as <c>application/x-ndjson</c> and count the result lines of the
/// streamed answer, which must be one per record.
/// </summary>
internal sealed class HttpLoad(HttpClient client, LoadCorpus corpus, TimeSpan requestTimeout)
{
    /// <summary>The response header naming the catalog revision (the service's ServiceEndpoints.RevisionHeader).</summary>
    private const string RevisionHeader = "CodingRules-Revision";

    private static readonly Uri Evaluate = new("/v1/evaluate", UriKind.Relative);
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");

    /// <summary>A client for the service at <paramref name="address"/>: keep-alive, no proxy, no timeout of its own (each request has one).</summary>
    public static HttpClient CreateClient(Uri address) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        BaseAddress = address,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Runs <paramref name="clients"/> clients on <paramref name="path"/> for <paramref name="duration"/>, and what they saw.</summary>
    public async Task<LoadMeasurement> Measure(string path, int clients, TimeSpan duration, ServiceProcess service)
    {
        Func<int, Stopwatch, TimeSpan, Task<LoadTally>> loop = path == LoadMeasurement.Single ? Singles : Batches;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var serviceBefore = service.ProcessorTime();
        var clientBefore = ProcessorTime.Self();
        var clock = Stopwatch.StartNew();
        var tallies = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => loop(c, clock, duration)))).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var clientTime = ProcessorTime.Self() - clientBefore;
        var serviceTime = service.ProcessorTime() - serviceBefore;
        service.CheckRunning();
        return LoadMeasurement.From(path, clients, elapsed, LoadTally.Merge(tallies), serviceTime, clientTime);
    }

    /// <summary>
    /// Sends every batch of the corpus once, one after the other, and hashes their answers with each result's
    /// <c>,"revision":"…"</c> taken out, as the CLI writes the same records (the check that the service codes as the
    /// CLI does). Gives the SHA-256 and length of that text, the revision the answers named, and the first
    /// <paramref name="keep"/> result lines as they came (revision included, no newline).
    /// </summary>
    public async Task<(string Sha256, long Bytes, string Revision, List<byte[]> First)> AllBatchesOnce(int keep)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        string? revision = null;
        long total = 0;
        var first = new List<byte[]>();
        for (var b = 0; b < corpus.Batches; b++)
        {
            var (ndjson, records) = corpus.Batch(b);
            using var timeout = new CancellationTokenSource(requestTimeout);
            using var request = Request(ndjson, Ndjson);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var named = response.Headers.TryGetValues(RevisionHeader, out var values) ? values.Single() : null;
            if (response.StatusCode != HttpStatusCode.OK || named is null || (revision is not null && named != revision))
            {
                throw new InvalidOperationException($"Batch {b}: {(int)response.StatusCode} {response.StatusCode}, revision '{named}' (before: '{revision}').");
            }

            revision = named;
            var suffix = Encoding.UTF8.GetBytes($",\"revision\":\"{revision}\"}}");
            var lines = 0;
            for (var rest = body.AsSpan(); !rest.IsEmpty; lines++)
            {
                var end = rest.IndexOf((byte)'\n');
                var line = end < 0 ? rest : rest[..end];
                if (end < 0 || !line.EndsWith(suffix))
                {
                    throw new InvalidOperationException($"Batch {b}, result {lines + 1} is not a line ending with the revision: {Encoding.UTF8.GetString(line[..Math.Min(line.Length, 300)])}");
                }

                if (first.Count < keep)
                {
                    first.Add(line.ToArray());
                }

                hash.AppendData(line[..^suffix.Length]);
                hash.AppendData("}\n"u8);
                total += line.Length - suffix.Length + 2;
                rest = rest[(end + 1)..];
            }

            if (lines != records)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Batch {b}: {lines} result lines for {records} records."));
            }
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total, revision ?? throw new InvalidOperationException("The corpus has no batch."), first);
    }

    /// <summary>The answer to encounter <paramref name="index"/> sent alone: its status and body.</summary>
    public async Task<(HttpStatusCode Status, byte[] Body)> One(int index)
    {
        using var timeout = new CancellationTokenSource(requestTimeout);
        using var request = Request(corpus.Encounter(index), Json);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false));
    }

    // Note: client c starts c/256ths of the way into the corpus, so that clients do not send the same encounters at
    // the same moment, and client c starts at the same place whatever the number of clients.
    private async Task<LoadTally> Singles(int clientIndex, Stopwatch clock, TimeSpan duration)
    {
        var tally = new LoadTally();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 14);
        try
        {
            for (var next = (int)((long)clientIndex * corpus.Count / ServiceLoadOptions.MaxClients); clock.Elapsed < duration; next = (next + 1) % corpus.Count)
            {
                await Send(tally, corpus.Encounter(next), Json, buffer, response => response switch
                {
                    { Status: HttpStatusCode.OK, Bytes: > 0 } => (1, false, null, null),
                    { Status: HttpStatusCode.UnprocessableEntity } => (0, true, null, null),
                    _ => (0, false, LoadTally.Status, $"{(int)response.Status} {response.Status}, {response.Bytes} bytes"),
                }).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return tally;
    }

    private async Task<LoadTally> Batches(int clientIndex, Stopwatch clock, TimeSpan duration)
    {
        var tally = new LoadTally();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            for (var next = clientIndex % corpus.Batches; clock.Elapsed < duration; next = (next + 1) % corpus.Batches)
            {
                var (ndjson, records) = corpus.Batch(next);
                await Send(tally, ndjson, Ndjson, buffer, response => response switch
                {
                    { Status: not HttpStatusCode.OK } => (0, false, LoadTally.Status, $"{(int)response.Status} {response.Status}, {response.Bytes} bytes"),
                    { Lines: var lines } when lines != records || !response.EndsWithNewline =>
                        (0, false, LoadTally.Lines, string.Create(CultureInfo.InvariantCulture, $"{lines} result lines for {records} records ({response.Bytes} bytes)")),
                    _ => (records, false, null, null),
                }).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return tally;
    }

    /// <summary>
    /// Sends one request and reads its answer to the end (counting bytes and newlines, keeping nothing), then lets
    /// <paramref name="judge"/> say how many encounters it coded, whether it was a 422, or what error it was.
    /// </summary>
    private async Task Send(LoadTally tally, ReadOnlyMemory<byte> body, MediaTypeHeaderValue type, byte[] buffer, Func<Answer, (long Encounters, bool Invalid, string? ErrorKind, string? Error)> judge)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(requestTimeout);
        try
        {
            using var request = Request(body, type);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                long bytes = 0, lines = 0;
                byte last = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    bytes += read;
                    lines += buffer.AsSpan(0, read).Count((byte)'\n');
                    last = buffer[read - 1];
                }

                var (encounters, invalid, kind, error) = judge(new Answer(response.StatusCode, bytes, lines, last == (byte)'\n'));
                if (kind is null)
                {
                    tally.Answered(started, encounters, invalid);
                }
                else
                {
                    tally.Failed(kind, error ?? kind);
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            tally.Failed(LoadTally.Timeout, string.Create(CultureInfo.InvariantCulture, $"no complete answer within {requestTimeout.TotalSeconds:0} s"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            tally.Failed(LoadTally.Exception, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static HttpRequestMessage Request(ReadOnlyMemory<byte> body, MediaTypeHeaderValue type)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = type;
        return new HttpRequestMessage(HttpMethod.Post, Evaluate) { Content = content };
    }

    /// <summary>What came back for one request: its status, its length, its newlines, and whether it ended with one.</summary>
    private readonly record struct Answer(HttpStatusCode Status, long Bytes, long Lines, bool EndsWithNewline);
}
