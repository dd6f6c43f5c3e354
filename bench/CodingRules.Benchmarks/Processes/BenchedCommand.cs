namespace CodingRules.Benchmarks.Processes;

/// <summary>A command under measurement and its role in the report: "cli" (the build under test) or "baseline".</summary>
internal sealed record BenchedCommand(string Role, ChildCommand Command);
