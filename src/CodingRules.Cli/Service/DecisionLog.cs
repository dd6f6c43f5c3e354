using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CodingRules.Results;
using CodingRules.Text;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace CodingRules.Cli.Service;

/// <summary>
/// The service's decision log (<c>serve --decision-log FILE</c>): one NDJSON line per encounter evaluated, appended
/// to the file: <c>{decisionId, time, revision, requestId, record, use, input, result}</c>, where <c>input</c> is the
/// encounter sent (null when it was not JSON) and <c>result</c> its result (encounterId, ruleSets, lines, findings,
/// errors). Before a line is written, the fields named by the masks are dropped or replaced by a keyed hash, as OPA
/// masks its decision logs: a mask is a JSON Pointer into the line (<c>/input/patient</c>,
/// <c>/result/encounterId</c>), <c>*</c> standing for every member or element.
/// </summary>
/// <remarks>
/// Costs and bounds: a line is built on the request's thread (the input parsed once more, at most 1 MiB as every
/// record) and queued; one writer appends the queue to the file and flushes it when the queue is empty. The queue holds
/// at most <see cref="Capacity"/> lines: when the file cannot keep up (or cannot be written: the writer retries every
/// second, and says so in the log and in <c>codingrules_decision_log_write_failures_total</c>), requests wait for
/// room until their deadline rather than a decision being lost. On shutdown the queue is written out.
/// Hashes are HMAC-SHA256 with the key in <c>CODINGRULES_DECISION_LOG_KEY</c> (at least 16 bytes), so that the same
/// value hashes the same across lines and restarts and cannot be found by hashing guesses without the key.
/// </remarks>
internal sealed class DecisionLog : IAsyncDisposable
{
    /// <summary>Lines queued at most.</summary>
    public const int Capacity = 4096;

    /// <summary>The environment variable that holds the hashing key.</summary>
    public const string KeyVariable = "CODINGRULES_DECISION_LOG_KEY";

    private static readonly Counter Written = Metrics.CreateCounter("codingrules_decision_log_lines_total", "Decision log lines written.");
    private static readonly Counter WriteFailures = Metrics.CreateCounter("codingrules_decision_log_write_failures_total", "Failed attempts to write the decision log (retried).");

    private readonly Channel<byte[]> _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly IReadOnlyList<Mask> _masks;
    private readonly byte[]? _key;
    private readonly string _path;
    private readonly Task _writer;
    private ILogger? _logger;

    private DecisionLog(string path, IReadOnlyList<Mask> masks, byte[]? key)
    {
        _path = Path.GetFullPath(path);
        _masks = masks;
        _key = key;
        _writer = Task.Run(WriteAll);
    }

    /// <summary>The masks, in the order given: drops, then hashes.</summary>
    public IReadOnlyList<string> Masks => [.. _masks.Select(m => $"{(m.Hash ? "hash" : "drop")} {m.Text}")];

    /// <summary>
    /// A decision log appending to <paramref name="path"/> with the masks given; null with the reason when a mask is
    /// not a JSON Pointer, a hash is asked for without a key, or the file cannot be opened for appending.
    /// </summary>
    public static DecisionLog? Open(string path, IEnumerable<string> drop, IEnumerable<string> hash, string? key, out string error)
    {
        var masks = new List<Mask>();
        foreach (var (text, hashed) in drop.Select(d => (d, false)).Concat(hash.Select(h => (h, true))))
        {
            if (Mask.Parse(text, hashed) is not { } mask)
            {
                error = $"'{text}' is not a JSON Pointer into a decision (e.g. /input/patient, /input/procedures/*/notes, /result/encounterId)";
                return null;
            }

            masks.Add(mask);
        }

        var keyBytes = string.IsNullOrEmpty(key) ? null : Encoding.UTF8.GetBytes(key);
        if (masks.Any(m => m.Hash) && (keyBytes is null || keyBytes.Length < 16))
        {
            error = $"--decision-log-hash needs a key of at least 16 bytes in {KeyVariable}";
            return null;
        }

        try
        {
            using (new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot append to '{path}': {e.Message}";
            return null;
        }

        error = string.Empty;
        return new DecisionLog(path, masks, keyBytes);
    }

    /// <summary>Where the writer says what went wrong (set once the host is built).</summary>
    public void UseLogger(ILogger logger) => _logger = logger;

    /// <summary>Builds, masks and queues the line of one decision, waiting for room until <paramref name="cancel"/>.</summary>
    public ValueTask Add(string revision, string requestId, int record, string? use, ReadOnlyMemory<byte> input, EvaluationResult result, CancellationToken cancel) =>
        _queue.Writer.WriteAsync(Line(revision, requestId, record, use, input, result), cancel);

    /// <summary><see cref="Add"/> for a thread that may block (a batch's worker).</summary>
    public void AddWaiting(string revision, string requestId, int record, string? use, ReadOnlyMemory<byte> input, EvaluationResult result, CancellationToken cancel)
    {
        var line = Line(revision, requestId, record, use, input, result);
        if (!_queue.Writer.TryWrite(line))
        {
            _queue.Writer.WriteAsync(line, cancel).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>One decision as it is written: masked, one line, UTF-8, with its newline.</summary>
    internal byte[] Line(string revision, string requestId, int record, string? use, ReadOnlyMemory<byte> input, EvaluationResult result)
    {
        JsonNode? sent;
        try
        {
            sent = JsonNode.Parse(input.Span);
        }
        catch (JsonException)
        {
            sent = null; // Note: text that is not JSON cannot be masked, so it is not logged; the result's errors say why.
        }

        var json = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(json))
        {
            ResultJsonWriter.Write(writer, result);
        }

        var line = new JsonObject
        {
            ["decisionId"] = Guid.NewGuid().ToString("D"),
            ["time"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["revision"] = revision,
            ["requestId"] = requestId,
            ["record"] = record,
            ["use"] = use,
            ["input"] = sent,
            ["result"] = JsonNode.Parse(json.WrittenSpan),
        };
        foreach (var mask in _masks)
        {
            mask.Apply(line, _key);
        }

        json.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(json, JsonOutput.Options()))
        {
            line.WriteTo(writer);
        }

        json.GetSpan(1)[0] = (byte)'\n';
        json.Advance(1);
        return json.WrittenSpan.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAll()
    {
        var reader = _queue.Reader;
        FileStream? file = null;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryPeek(out var line))
                {
                    try
                    {
                        file ??= new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
                        await file.WriteAsync(line);
                        reader.TryRead(out _);
                        Written.Inc();
                        if (reader.Count == 0)
                        {
                            await file.FlushAsync();
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Note: the line stays queued and is written again; the file is reopened (it may have been rotated away).
                        WriteFailures.Inc();
                        _logger?.LogError(e, "The decision log {Path} cannot be written; retrying in a second", _path);
                        if (file is not null)
                        {
                            try
                            {
                                await file.DisposeAsync();
                            }
                            catch (IOException)
                            {
                            }
                        }

                        file = null;
                        await Task.Delay(TimeSpan.FromSeconds(1));
                    }
                }
            }
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }
        }
    }

    /// <summary>A JSON Pointer into a decision, its segments unescaped, <c>*</c> for every member or element; drop or hash.</summary>
    private sealed record Mask(string Text, string[] Segments, bool Hash)
    {
        public static Mask? Parse(string text, bool hash)
        {
            if (text.Length is < 2 or > 1024 || text[0] != '/' || text.Any(char.IsControl))
            {
                return null;
            }

            var segments = text[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            return segments.Any(s => s.Length == 0) ? null : new Mask(text, segments, hash);
        }

        public void Apply(JsonObject line, byte[]? key) => Apply(line, 0, key);

        private void Apply(JsonNode node, int depth, byte[]? key)
        {
            var segment = Segments[depth];
            var last = depth == Segments.Length - 1;
            switch (node)
            {
                case JsonObject o:
                    foreach (var name in segment == "*" ? o.Select(p => p.Key).ToList() : o.ContainsKey(segment) ? [segment] : [])
                    {
                        if (last)
                        {
                            Treat(o, name, key);
                        }
                        else if (o[name] is { } child)
                        {
                            Apply(child, depth + 1, key);
                        }
                    }

                    break;
                case JsonArray a:
                    var indexes = segment == "*" ? Enumerable.Range(0, a.Count).ToList()
                        : int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count ? [i] : [];
                    for (var k = indexes.Count - 1; k >= 0; k--)
                    {
                        var index = indexes[k];
                        if (last)
                        {
                            if (Hash)
                            {
                                a[index] = Hashed(a[index], key!);
                            }
                            else
                            {
                                a.RemoveAt(index);
                            }
                        }
                        else if (a[index] is { } child)
                        {
                            Apply(child, depth + 1, key);
                        }
                    }

                    break;
            }
        }

        private void Treat(JsonObject o, string name, byte[]? key)
        {
            if (Hash)
            {
                o[name] = Hashed(o[name], key!);
            }
            else
            {
                o.Remove(name);
            }
        }

        /// <summary>A string by its text, anything else by its JSON: <c>hmac-sha256:HEX</c>; null stays null.</summary>
        private static JsonValue? Hashed(JsonNode? value, byte[] key)
        {
            if (value is null)
            {
                return null;
            }

            var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            return JsonValue.Create("hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text))));
        }
    }
}
