using System.Collections.Immutable;

namespace CodingRules.Benchmarks.Processes;

/// <summary>
/// One command a user runs, timed as a whole process: its name in the report, the arguments after the command, the
/// exit code it must end with, whether its standard output must be the same bytes for every run of every command
/// compared (evaluation output is; <c>validate</c> and <c>test</c> summaries may name times), and how many encounters
/// it codes (0 when it codes none), for the rate.
/// </summary>
internal sealed record ProcessScenario(
    string Name,
    ImmutableArray<string> Arguments,
    int ExpectedExitCode,
    bool ComparesOutput,
    int Encounters);
