namespace CodingRules.Encounters;

/// <summary>
/// One record of an input file, as split by <see cref="RecordReader"/>: its bytes (UTF-8 JSON, possibly invalid,
/// which <see cref="EncounterReader"/> then reports) and where it was.
/// </summary>
/// <param name="Number">1-based position of the record in the input.</param>
/// <param name="Line">1-based line of the input on which the record starts.</param>
/// <param name="Utf8">The record's bytes; owned by the record (not overwritten by reading further records).</param>
public readonly record struct InputRecord(int Number, long Line, ReadOnlyMemory<byte> Utf8);
