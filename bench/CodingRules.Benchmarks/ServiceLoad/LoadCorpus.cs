namespace CodingRules.Benchmarks.ServiceLoad;

/// <summary>
/// The corpus as the clients send it: the bytes of the NDJSON file the CLI reads, cut without copying into one
/// encounter per single request (a record without its newline) and into batches of consecutive records (newlines
/// kept), the last batch holding what is left.
/// </summary>
internal sealed class LoadCorpus
{
    private readonly byte[] _ndjson;
    private readonly int[] _starts; // the offset of each record, then the length of the file

    private LoadCorpus(byte[] ndjson, int[] starts, int batchRecords)
    {
        _ndjson = ndjson;
        _starts = starts;
        BatchRecords = batchRecords;
        Batches = (Count + batchRecords - 1) / batchRecords;
    }

    /// <summary>Records in the corpus.</summary>
    public int Count => _starts.Length - 1;

    /// <summary>Records per batch (the last batch may hold fewer).</summary>
    public int BatchRecords { get; }

    /// <summary>Batches in the corpus.</summary>
    public int Batches { get; }

    /// <summary>Reads the NDJSON file written for the run: one record per line, each ending with a newline.</summary>
    public static LoadCorpus Read(string path, int batchRecords)
    {
        var bytes = File.ReadAllBytes(path);
        var starts = new List<int> { 0 };
        for (var at = 0; at < bytes.Length;)
        {
            var end = bytes.AsSpan(at).IndexOf((byte)'\n');
            if (end <= 0)
            {
                throw new InvalidOperationException($"The corpus {path} has an empty or unterminated line at byte {at}.");
            }

            at += end + 1;
            starts.Add(at);
        }

        return new LoadCorpus(bytes, [.. starts], batchRecords);
    }

    /// <summary>Record <paramref name="index"/> as one JSON document (no newline).</summary>
    public ReadOnlyMemory<byte> Encounter(int index) => _ndjson.AsMemory(_starts[index], _starts[index + 1] - _starts[index] - 1);

    /// <summary>Batch <paramref name="index"/>: its records as NDJSON, and how many they are.</summary>
    public (ReadOnlyMemory<byte> Ndjson, int Records) Batch(int index)
    {
        var first = index * BatchRecords;
        var end = Math.Min(first + BatchRecords, Count);
        return (_ndjson.AsMemory(_starts[first], _starts[end] - _starts[first]), end - first);
    }
}
