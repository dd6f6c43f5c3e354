namespace CodingRules.Diff;

/// <summary>The sink a text or markdown report is written through while its replay runs.</summary>
public static partial class DiffFormatter
{
    /// <summary>The two spills of a streamed report (changed encounters, skipped records); the first is closed if the second cannot be made.</summary>
    private static (ImpactSpill Changed, ImpactSpill Skipped) TwoSpills(Func<ImpactSpill> spill)
    {
        var changed = spill();
        try
        {
            return (changed, spill());
        }
        catch
        {
            changed.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes each changed encounter and each skipped record of a replay, as the format shows it, to a spill of its
    /// own (the format lists all changed encounters, then all skipped records), to be copied into the output after the
    /// section's totals. Holds no record itself.
    /// </summary>
    private sealed class TextSpool : ImpactSink, IDisposable
    {
        private readonly ImpactSpill _changed;
        private readonly ImpactSpill _skipped;
        private readonly TextWriter _changedText;
        private readonly TextWriter _skippedText;
        private readonly Action<TextWriter, ImpactedEncounter> _writeChanged;
        private readonly Action<TextWriter, ImpactSkippedRecord> _writeSkipped;

        /// <summary>Text and markdown show each changed encounter's lines and finding ids, never a message.</summary>
        public override bool NeedsMessages => false;

        public TextSpool(Func<ImpactSpill> spill, string newLine, Action<TextWriter, ImpactedEncounter> writeChanged, Action<TextWriter, ImpactSkippedRecord> writeSkipped)
        {
            (_changed, _skipped) = TwoSpills(spill);

            _changedText = _changed.Text(newLine);
            _skippedText = _skipped.Text(newLine);
            _writeChanged = writeChanged;
            _writeSkipped = writeSkipped;
        }

        public override void OnChanged(ImpactedEncounter encounter) => _writeChanged(_changedText, encounter);

        public override void OnSkipped(ImpactSkippedRecord record) => _writeSkipped(_skippedText, record);

        public void CopyChangedTo(TextWriter output) => _changed.CopyTextTo(output);

        public void CopySkippedTo(TextWriter output) => _skipped.CopyTextTo(output);

        public void Dispose()
        {
            _changed.Dispose();
            _skipped.Dispose();
        }
    }
}
