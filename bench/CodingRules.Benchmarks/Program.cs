using BenchmarkDotNet.Running;
using CodingRules.Benchmarks.Processes;

// Run all:      dotnet run -c Release --project bench/CodingRules.Benchmarks -- --filter '*'
// Run one:      dotnet run -c Release --project bench/CodingRules.Benchmarks -- --filter '*Ndjson*'
// The CLI as a user runs it, process start included (ProcessBenchmark; options: -- process --help):
//               dotnet run -c Release --project bench/CodingRules.Benchmarks -- process \
//                 --cli "dotnet src/CodingRules.Cli/bin/Release/net10.0/CodingRules.Cli.dll" [--baseline "COMMAND"]
// Results and how to read them: docs/performance.md.
if (args is ["process", .. var options])
{
    return ProcessBenchmark.Run(options);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
