using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
/// room until their deadline rather than a decision being lost. What is written is flushed once the queue has stayed
/// empty for <see cref="FlushDelay"/>. On shutdown the queue is written out.
/// Hashes are HMAC-SHA256 with the key in <c>CODINGRULES_DECISION_LOG_KEY</c> (at least 16 bytes), so that the same
/// value hashes the same across lines and restarts and cannot be found by hashing guesses without the key.
/// </remarks>
internal sealed class DecisionLog : IAsyncDisposable
{
    /// <summary>Lines queued at most.</summary>
    public const int Capacity = 4096;

    /// <summary>How long the queue must stay empty before what was written is flushed to the file.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>The environment variable that holds the hashing key.</summary>
    public const string KeyVariable = "CODINGRULES_DECISION_LOG_KEY";

    private static readonly Counter Written = Metrics.CreateCounter("codingrules_decision_log_lines_total", "Decision log lines written.");
    private static readonly Counter WriteFailures = Metrics.CreateCounter("codingrules_decision_log_write_failures_total", "Failed attempts to write the decision log (retried).");

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_result;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_line;

    [ThreadStatic]
    private static HMACSHA256? t_hmac;

    [ThreadStatic]
    private static byte[]? t_hmacKey;

    private readonly BlockingCollection<byte[]> _queue = new(Capacity);
    private readonly IReadOnlyList<Mask> _masks;
    private readonly byte[]? _key;
    private readonly string _path;
    private readonly Thread _writer;
    private ILogger? _logger;

    private DecisionLog(string path, IReadOnlyList<Mask> masks, byte[]? key)
    {
        _path = Path.GetFullPath(path);
        _masks = masks;
        _key = key;
        // Note: a thread of its own, writing synchronously: the batch workers that wait for room in the queue are
        // thread-pool threads, and a writer that needed the pool to go on would wait for them (starvation).
        _writer = new Thread(WriteAll) { IsBackground = true, Name = "codingrules-decision-log" };
        _writer.Start();
    }

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

    /// <summary>
    /// Builds, masks and queues the line of one decision, on the calling thread; when the queue is full, waits for room
    /// until <paramref name="cancel"/> (the request's deadline).
    /// </summary>
    public void Add(string revision, string requestId, int record, string? use, ReadOnlyMemory<byte> input, EvaluationResult result, CancellationToken cancel) =>
        _queue.Add(Line(revision, requestId, record, use, input, result), cancel);

    /// <summary>One decision as it is written: masked, one line, UTF-8, with its newline.</summary>
    /// <remarks>
    /// Note: written in one pass: the input's and the result's JSON are copied token by token into the line, the
    /// masked values skipped or replaced as they pass, so no tree of either is built.
    /// </remarks>
    internal byte[] Line(string revision, string requestId, int record, string? use, ReadOnlyMemory<byte> input, EvaluationResult result)
    {
        // Note: the two buffers are the thread's own, reused from line to line (a batch's workers build many).
        var resultJson = t_result ??= new ArrayBufferWriter<byte>(4096);
        resultJson.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(resultJson))
        {
            ResultJsonWriter.Write(writer, result);
        }

        // A record that was evaluated was read as JSON; only one with errors may not be JSON.
        var valid = !result.IsError || IsJson(input.Span);
        var line = t_line ??= new ArrayBufferWriter<byte>(8192);
        line.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(line, JsonOutput.Options()))
        {
            var path = new List<string>(8);
            w.WriteStartObject();
            Scalar(w, path, "decisionId", Guid.NewGuid().ToString("D"));
            Scalar(w, path, "time", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            Scalar(w, path, "revision", revision);
            Scalar(w, path, "requestId", requestId);
            if (Treat(path, "record") is not Treatment.Drop)
            {
                w.WritePropertyName("record");
                if (Treat(path, "record") is Treatment.Hash)
                {
                    w.WriteStringValue(Hashed(record.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                else
                {
                    w.WriteNumberValue(record);
                }
            }

            Scalar(w, path, "use", use);
            // Note: text that is not JSON cannot be masked, so it is not logged; the result's errors say why.
            Copied(w, path, "input", valid ? input.Span : "null"u8);
            Copied(w, path, "result", resultJson.WrittenSpan);
            w.WriteEndObject();
        }

        line.GetSpan(1)[0] = (byte)'\n';
        line.Advance(1);
        return line.WrittenSpan.ToArray();
    }

    public ValueTask DisposeAsync()
    {
        _queue.CompleteAdding();
        _writer.Join();
        _queue.Dispose();
        return ValueTask.CompletedTask;
    }

    private void WriteAll()
    {
        FileStream? file = null;
        var unflushed = false;
        try
        {
            while (true)
            {
                // Note: what was written is flushed once the queue has stayed empty a moment, not after every line.
                if (!_queue.TryTake(out var line, FlushDelay))
                {
                    if (unflushed)
                    {
                        Retrying(() => file!.Flush());
                        unflushed = false;
                    }

                    if (_queue.IsCompleted)
                    {
                        return;
                    }

                    continue;
                }

                Retrying(() =>
                {
                    file ??= new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
                    file.Write(line);
                });
                Written.Inc();
                unflushed = true;
            }
        }
        finally
        {
            file?.Dispose();
        }

        // Writes, and on failure says so, drops the file (reopened next time: it may have been rotated away) and tries
        // again a second later, for as long as it takes; the line is not lost.
        void Retrying(Action write)
        {
            while (true)
            {
                try
                {
                    write();
                    return;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    WriteFailures.Inc();
                    _logger?.LogError(e, "The decision log {Path} cannot be written; retrying in a second", _path);
                    try
                    {
                        file?.Dispose();
                    }
                    catch (IOException)
                    {
                    }

                    file = null;
                    Thread.Sleep(TimeSpan.FromSeconds(1));
                }
            }
        }
    }

    private static bool IsJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = Encounters.EncounterContract.MaxDepth });
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>What the masks say of the value at <paramref name="path"/> plus <paramref name="name"/>.</summary>
    private Treatment Treat(List<string> path, string name)
    {
        path.Add(name);
        var treatment = Treat(path);
        path.RemoveAt(path.Count - 1);
        return treatment;
    }

    /// <summary>Whether some mask names a value below <paramref name="path"/>.</summary>
    private bool MaskedUnder(List<string> path)
    {
        foreach (var mask in _masks)
        {
            if (mask.Segments.Length > path.Count && mask.Matches(path, prefix: true))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Drop when a drop mask names the path, else hash when a hash mask does, else keep.</summary>
    private Treatment Treat(List<string> path)
    {
        var treatment = Treatment.Keep;
        foreach (var mask in _masks)
        {
            if (mask.Matches(path))
            {
                if (!mask.Hash)
                {
                    return Treatment.Drop;
                }

                treatment = Treatment.Hash;
            }
        }

        return treatment;
    }

    /// <summary>A string property of the line (null written as null), masked.</summary>
    private void Scalar(Utf8JsonWriter w, List<string> path, string name, string? value)
    {
        var treatment = Treat(path, name);
        if (treatment is Treatment.Drop)
        {
            return;
        }

        w.WritePropertyName(name);
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(treatment is Treatment.Hash ? Hashed(value) : value);
        }
    }

    /// <summary>A property whose value is a JSON text, copied token by token with the masks under it applied.</summary>
    private void Copied(Utf8JsonWriter w, List<string> path, string name, ReadOnlySpan<byte> json)
    {
        path.Add(name);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = Encounters.EncounterContract.MaxDepth });
        reader.Read();
        var treatment = Treat(path);
        if (treatment is not Treatment.Drop)
        {
            w.WritePropertyName(name);
            Value(ref reader, w, path, treatment, json);
        }

        path.RemoveAt(path.Count - 1);
    }

    /// <summary>Writes the value the reader is on (kept or hashed as <paramref name="treatment"/> says), its members masked.</summary>
    /// <remarks>
    /// Note: an object or list that no mask reaches into is copied as its bytes (one line already: NDJSON records are),
    /// not token by token; only the paths to masked values are walked.
    /// </remarks>
    private void Value(ref Utf8JsonReader r, Utf8JsonWriter w, List<string> path, Treatment treatment, ReadOnlySpan<byte> json)
    {
        if (treatment is Treatment.Hash)
        {
            w.WriteStringValue(Hashed(ref r));
            return;
        }

        if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !MaskedUnder(path))
        {
            var start = (int)r.TokenStartIndex;
            r.Skip();
            var raw = json[start..(int)r.BytesConsumed];
            if (raw.IndexOfAny((byte)'\n', (byte)'\r') < 0)
            {
                w.WriteRawValue(raw, skipInputValidation: true);
            }
            else
            {
                using var spread = JsonDocument.Parse(raw.ToArray());
                spread.RootElement.WriteTo(w); // written on one line
            }

            return;
        }

        switch (r.TokenType)
        {
            case JsonTokenType.StartObject:
                w.WriteStartObject();
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    var name = r.GetString()!;
                    r.Read();
                    path.Add(name);
                    var inner = Treat(path);
                    if (inner is Treatment.Drop)
                    {
                        r.Skip();
                    }
                    else
                    {
                        w.WritePropertyName(name);
                        Value(ref r, w, path, inner, json);
                    }

                    path.RemoveAt(path.Count - 1);
                }

                w.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                w.WriteStartArray();
                for (var index = 0; r.Read() && r.TokenType != JsonTokenType.EndArray; index++)
                {
                    path.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    var inner = Treat(path);
                    if (inner is Treatment.Drop)
                    {
                        r.Skip();
                    }
                    else
                    {
                        Value(ref r, w, path, inner, json);
                    }

                    path.RemoveAt(path.Count - 1);
                }

                w.WriteEndArray();
                break;
            case JsonTokenType.String:
                w.WriteStringValue(r.GetString());
                break;
            case JsonTokenType.Number:
                w.WriteRawValue(r.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                w.WriteBooleanValue(r.TokenType == JsonTokenType.True);
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }

    /// <summary>The hash of the value the reader is on: a string by its text, anything else by its compact JSON; the value is passed.</summary>
    private string? Hashed(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (r.TokenType == JsonTokenType.String)
        {
            return Hashed(r.GetString()!);
        }

        using var value = JsonDocument.ParseValue(ref r);
        var compact = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(compact))
        {
            value.RootElement.WriteTo(writer);
        }

        return Hashed(Encoding.UTF8.GetString(compact.WrittenSpan));
    }

    private string Hashed(string text)
    {
        // Note: one keyed hash per thread, reused (making one per value costs more than the hashing).
        if (t_hmac is not { } hmac || !ReferenceEquals(t_hmacKey, _key))
        {
            t_hmac?.Dispose();
            hmac = t_hmac = new HMACSHA256(_key!);
            t_hmacKey = _key;
        }

        Span<byte> hash = stackalloc byte[32];
        hmac.TryComputeHash(Encoding.UTF8.GetBytes(text), hash, out _);
        return "hmac-sha256:" + Convert.ToHexStringLower(hash);
    }

    private enum Treatment
    {
        Keep,
        Hash,
        Drop,
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

        /// <summary>
        /// Whether the pointer names exactly <paramref name="path"/> (<c>*</c> matching any one step), or with
        /// <paramref name="prefix"/>, begins with it.
        /// </summary>
        public bool Matches(List<string> path, bool prefix = false)
        {
            if (prefix ? path.Count > Segments.Length : path.Count != Segments.Length)
            {
                return false;
            }

            for (var i = 0; i < path.Count; i++)
            {
                if (Segments[i] != "*" && Segments[i] != path[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
