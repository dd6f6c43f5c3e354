using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CodingRules.Tests.Cli;
using YamlDotNet.RepresentationModel;
using static CodingRules.Tests.Service.KubernetesManifest;

namespace CodingRules.Tests.Service;

/// <summary>
/// The deployment files (<c>Dockerfile</c>, <c>.dockerignore</c>, <c>deploy/kubernetes.yaml</c>) kept true to the tool:
/// the real server, started with the manifest's arguments, answers every probe path; the image's command is the
/// manifest's and uses only flags <c>serve</c> accepts; ports, user, writable folders and the grace period agree
/// across the three files and the service. No image is built here (no container engine is needed to run them).
/// </summary>
public sealed partial class DeploymentTests : IDisposable
{
    /// <summary>The UID of the <c>app</c> user of the .NET images, which they also set as <c>APP_UID</c>.</summary>
    private const string DotnetImagesAppUid = "1654";

    private readonly string _temp = Directory.CreateTempSubdirectory("codingrules-deploy-").FullName;

    private static KubernetesManifest Manifest => KubernetesManifest.Load(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes.yaml"));

    private static DockerfileInstructions Dockerfile => DockerfileInstructions.Load(Path.Combine(RepositoryRoot.Path, "Dockerfile"));

    private static YamlNode Template => At(Manifest.Single("Deployment"), "spec", "template")!;

    private static YamlNode Pod => At(Template, "spec")!;

    private static YamlNode Container => Assert.Single(Items(Pod, "containers"));

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task EveryProbeScrapeAndHealthCheckPathIsServedByTheServerStartedWithTheManifestArguments()
    {
        var arguments = Scalars(Container, "args");
        await using var server = await ServiceProcess.Launch(Local(arguments), new Dictionary<string, string>());
        var paths = new[] { "startupProbe", "readinessProbe", "livenessProbe" }.ToDictionary(p => p, p => Scalar(Container, p, "httpGet", "path"));
        foreach (var (probe, path) in paths)
        {
            Assert.True(path is not null, $"{probe} has an httpGet path");
            Assert.Equal(ContainerPort(), ProbePort(probe));
        }

        Assert.Equal("/health/live", paths["livenessProbe"]);
        Assert.Equal("/health/ready", paths["readinessProbe"]);
        // Ready once a catalog is loaded (the server loads before it listens, so at once; polled in case it ever does not).
        var watch = Stopwatch.StartNew();
        HttpStatusCode ready;
        while ((ready = await server.Status(paths["readinessProbe"]!)) != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal(HttpStatusCode.OK, await server.Status(paths["livenessProbe"]!));
        Assert.Equal(HttpStatusCode.OK, await server.Status(paths["startupProbe"]!));

        var annotations = At(Template, "metadata", "annotations");
        Assert.Equal("true", Scalar(annotations, "prometheus.io/scrape"));
        Assert.Equal(ContainerPort().ToString(CultureInfo.InvariantCulture), Scalar(annotations, "prometheus.io/port"));
        var metrics = await server.Client.GetStringAsync(Scalar(annotations, "prometheus.io/path"));
        Assert.Contains("codingrules_catalog_rule_sets ", metrics, StringComparison.Ordinal);

        var check = string.Join(' ', Dockerfile.HealthCheckCommand());
        var asked = HealthCheckRequest().Match(check);
        Assert.True(asked.Success, $"the HEALTHCHECK sends 'GET PATH' to /dev/tcp/127.0.0.1/PORT: {check}");
        Assert.Equal(ContainerPort().ToString(CultureInfo.InvariantCulture), asked.Groups["port"].Value);
        Assert.Equal(HttpStatusCode.OK, await server.Status(asked.Groups["path"].Value));
    }

    [Fact]
    public void TheManifestArgumentsAreTheImageCommandAndServeAcceptsEachFlag()
    {
        var entrypoint = Dockerfile.Last("ENTRYPOINT");
        var command = Dockerfile.Last("CMD");
        Assert.NotNull(entrypoint);
        Assert.NotNull(command);
        // Exec form: the tool is PID 1 and gets SIGTERM itself (a shell form would leave it to /bin/sh).
        Assert.True(entrypoint.IsExecForm && command.IsExecForm, "ENTRYPOINT and CMD in exec form");
        Assert.Equal(command.Words, Scalars(Container, "args"));
        Assert.Null(At(Container, "command"));

        // The entry point is the published tool, directly or through a link made in the final stage.
        var tool = "/app/" + XDocument.Load(Path.Combine(RepositoryRoot.Path, "src", "CodingRules.Cli", "CodingRules.Cli.csproj")).Descendants("AssemblyName").Single().Value;
        var program = Assert.Single(entrypoint.Words);
        Assert.True(program == tool || Dockerfile.FinalStage.Any(i => i.Keyword == "RUN" && i.Arguments.Contains($"ln -s {tool} {program}", StringComparison.Ordinal)), $"ENTRYPOINT {program} is {tool}");
        Assert.Contains(Dockerfile.FinalStage, i => i.Keyword == "COPY" && i.Words.Contains("--from=build") && i.Words[^1] == "/app/");

        Assert.Equal("serve", command.Words[0]);
        var help = CliProcess.Run(null, "serve", "--help");
        Assert.Equal(0, help.ExitCode);
        var accepted = FlagInHelp().Matches(help.Out).Select(m => m.Groups["flag"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("--rules", accepted);
        foreach (var flag in command.Words.Skip(1).Where(w => w.StartsWith('-')))
        {
            Assert.True(accepted.Contains(flag), $"serve accepts {flag} (serve --help lists {string.Join(", ", accepted)})");
        }

        // The rules the command names are the ones the image copies in.
        var rules = Value(command.Words, "--rules");
        Assert.Contains(Dockerfile.FinalStage, i => i.Keyword == "COPY" && i.Words[^1].TrimEnd('/') == rules.TrimEnd('/') && i.Words.Any(w => w.EndsWith("/rules/", StringComparison.Ordinal)));
    }

    [Fact]
    public void ThePortAgreesAcrossTheListenAddressTheImageTheContainerAndTheService()
    {
        var urls = new Uri(Value(Scalars(Container, "args"), "--urls"));
        Assert.True(urls.Host is "0.0.0.0" or "[::]" or "+" or "*", $"a container listens on every interface, not {urls.Host}");
        Assert.Equal(ContainerPort(), urls.Port);
        Assert.Equal(ContainerPort().ToString(CultureInfo.InvariantCulture), Assert.Single(Dockerfile.FinalStage, i => i.Keyword == "EXPOSE").Arguments);
        var service = Manifest.Single("Service");
        var target = Scalar(Assert.Single(Items(service, "spec", "ports")), "targetPort");
        Assert.True(target == ContainerPortName() || target == ContainerPort().ToString(CultureInfo.InvariantCulture), $"the Service targets the container's port, not {target}");
        var labels = At(Template, "metadata", "labels");
        foreach (var selector in new[] { At(service, "spec", "selector"), At(Manifest.Single("Deployment"), "spec", "selector", "matchLabels") }
            .Concat(Manifest.All("PodDisruptionBudget").Select(p => At(p, "spec", "selector", "matchLabels"))))
        {
            var pairs = Assert.IsType<YamlMappingNode>(selector).Children;
            Assert.NotEmpty(pairs);
            Assert.All(pairs, p => Assert.Equal(((YamlScalarNode)p.Value).Value, Scalar(labels, ((YamlScalarNode)p.Key).Value!)));
        }
    }

    [Fact]
    public void TheImageIsMultiStageAndRunsAsTheNonRootAppUserThePodRunsAs()
    {
        var stages = Dockerfile.Stages.ToList();
        Assert.True(stages.Count >= 2, "a build stage and a runtime stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", stages[0].Words.First(w => !w.StartsWith("--", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Matches("^mcr\\.microsoft\\.com/dotnet/(runtime-deps|aspnet):10\\.0", stages[^1].Words[0]);
        Assert.DoesNotContain(Dockerfile.FinalStage, i => i.Arguments.Contains("dotnet/sdk", StringComparison.Ordinal));

        var user = Dockerfile.Last("USER");
        Assert.NotNull(user);
        var uid = user.Arguments.Split(':')[0] switch
        {
            "$APP_UID" or "${APP_UID}" => DotnetImagesAppUid,
            var named => named,
        };
        Assert.False(uid is "root" or "0", $"Dockerfile:{user.Line}: USER {user.Arguments} is root");
        Assert.True(uint.TryParse(uid, CultureInfo.InvariantCulture, out _), $"Dockerfile:{user.Line}: a numeric user, so that runAsNonRoot can check it");
        var runAs = Scalar(Container, "securityContext", "runAsUser") ?? Scalar(Pod, "securityContext", "runAsUser");
        Assert.True(runAs is null || runAs == uid, $"the pod runs as {runAs}, the image as {uid}");
    }

    [Fact]
    public void ThePodIsLockedDownAndEveryFolderTheServiceWritesIsAMountedEmptyDir()
    {
        bool Set(string key) => (Scalar(Container, "securityContext", key) ?? Scalar(Pod, "securityContext", key)) == "true";
        Assert.True(Set("runAsNonRoot"));
        Assert.Equal("true", Scalar(Container, "securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("false", Scalar(Container, "securityContext", "allowPrivilegeEscalation"));
        Assert.Contains("ALL", Scalars(Container, "securityContext", "capabilities", "drop"));
        Assert.Equal("false", Scalar(Pod, "automountServiceAccountToken"));

        var emptyDirs = Items(Pod, "volumes").Where(v => At(v, "emptyDir") is not null).Select(v => Scalar(v, "name")).ToHashSet();
        var writable = Items(Container, "volumeMounts").Where(m => emptyDirs.Contains(Scalar(m, "name"))).Select(m => Scalar(m, "mountPath")!.TrimEnd('/') + "/").ToList();
        var env = Items(Container, "env").ToDictionary(e => Scalar(e, "name")!, e => Scalar(e, "value"));
        var image = Dockerfile.Environment();
        var temporary = env.GetValueOrDefault("TMPDIR") ?? image.GetValueOrDefault("TMPDIR") ?? "/tmp";
        Assert.Contains(writable, w => (temporary.TrimEnd('/') + "/").StartsWith(w, StringComparison.Ordinal));
        foreach (var cache in new[] { env.GetValueOrDefault("CODINGRULES_CACHE"), image.GetValueOrDefault("CODINGRULES_CACHE") })
        {
            // Unset, the cache would go to ~/.cache on the read-only root (ignored, but every reload then checks every schema).
            Assert.NotNull(cache);
            Assert.True(cache == "off" || writable.Any(w => (cache + "/").StartsWith(w, StringComparison.Ordinal)), $"CODINGRULES_CACHE={cache} is off or under {string.Join(", ", writable)}");
        }

        var limits = At(Container, "resources", "limits");
        Assert.NotNull(Scalar(limits, "memory"));
        Assert.NotNull(Scalar(At(Container, "resources", "requests"), "memory"));
    }

    [Fact]
    public void TheGracePeriodOutlastsThePreStopPauseAndTheServiceShutdown()
    {
        // Note: ServeCommand is internal to the tool; its bound is read where it is defined rather than copied here.
        var serve = Type.GetType("CodingRules.Cli.Commands.ServeCommand, CodingRules.Cli", throwOnError: true)!;
        var shutdown = (TimeSpan)serve.GetField("ShutdownTimeout")!.GetValue(null)!;
        var pause = int.Parse(Scalar(Container, "lifecycle", "preStop", "sleep", "seconds") ?? "0", CultureInfo.InvariantCulture);
        var grace = int.Parse(Scalar(Pod, "terminationGracePeriodSeconds") ?? "30", CultureInfo.InvariantCulture);
        Assert.True(grace > pause + shutdown.TotalSeconds, $"terminationGracePeriodSeconds {grace} > {pause} s preStop + {shutdown.TotalSeconds} s shutdown");
    }

    [Fact]
    public void TheBuildContextLeavesOutHostBuildsAndKeepsEverythingTheImageCopies()
    {
        var ignore = DockerIgnorePatterns.Load(Path.Combine(RepositoryRoot.Path, ".dockerignore"));
        foreach (var host in new[] { "src/CodingRules.Cli/bin", "src/CodingRules/obj", "out", ".git" })
        {
            Assert.True(ignore.Excludes(host), $".dockerignore leaves out {host}");
        }

        var copies = Dockerfile.All.Where(i => i.Keyword == "COPY" && !i.Words.Any(w => w.StartsWith("--from", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var sources = copy.Words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1);
            foreach (var source in sources)
            {
                var path = Path.Combine(RepositoryRoot.Path, source);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"Dockerfile:{copy.Line}: COPY {source}: no such file in the repository");
                Assert.False(ignore.Excludes(source), $"Dockerfile:{copy.Line}: COPY {source}, which .dockerignore leaves out");
            }
        }
    }

    [Fact]
    public async Task TheServiceWritesOnlyUnderTheTemporaryFolderAndTheCacheTheImageSets()
    {
        var home = Directory.CreateDirectory(Path.Combine(_temp, "home")).FullName;
        var tmp = Directory.CreateDirectory(Path.Combine(_temp, "tmp")).FullName;
        var cache = Dockerfile.Environment()["CODINGRULES_CACHE"];
        Assert.StartsWith("/tmp/", cache, StringComparison.Ordinal);
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["TMPDIR"] = tmp, ["CODINGRULES_CACHE"] = Path.Combine(tmp, cache["/tmp/".Length..]) };
        await using (var server = await ServiceProcess.Launch(Local(Scalars(Container, "args")), environment))
        {
            var seed = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "examples", "seed-three-levels-bilateral.json"));
            using var evaluated = await server.Client.PostAsync("/v1/evaluate", new StringContent(seed, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, evaluated.StatusCode);
            var rule = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "rules", "cpt-facet-joint-destruction", "2012-01.yaml"));
            using var validated = await server.Client.PostAsync("/v1/validate?path=cpt-facet-joint-destruction/2012-01.yaml", new StringContent(rule, Encoding.UTF8, "application/yaml"));
            Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(tmp, cache["/tmp/".Length..], "schema-checks")), "the schema-check cache is written where CODINGRULES_CACHE says");
        // Nothing else of the service's stays there: each file validated had a folder of its own, deleted after.
        Assert.Equal([Path.GetFileName(cache)], Directory.EnumerateFileSystemEntries(tmp).Select(Path.GetFileName).Where(n => n!.StartsWith("codingrules-", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"(?<![\w-])(?<flag>--[a-z][a-z-]*)")]
    private static partial Regex FlagInHelp();

    [GeneratedRegex(@"/dev/tcp/127\.0\.0\.1/(?<port>\d+).*GET (?<path>/\S+) HTTP")]
    private static partial Regex HealthCheckRequest();

    private static int ContainerPort() => int.Parse(Scalar(ContainerPortEntry(), "containerPort")!, CultureInfo.InvariantCulture);

    private static string? ContainerPortName() => Scalar(ContainerPortEntry(), "name");

    private static YamlNode ContainerPortEntry() => Assert.Single(Items(Container, "ports"));

    /// <summary>The port a probe asks, as a number (a name is looked up among the container's ports).</summary>
    private static int ProbePort(string probe)
    {
        var port = Scalar(Container, probe, "httpGet", "port");
        return port == ContainerPortName() ? ContainerPort() : int.Parse(port!, CultureInfo.InvariantCulture);
    }

    private static string Value(IReadOnlyList<string> arguments, string flag)
    {
        var at = arguments.ToList().IndexOf(flag);
        Assert.True(at >= 0 && at + 1 < arguments.Count, $"{flag} VALUE in {string.Join(' ', arguments)}");
        return arguments[at + 1];
    }

    /// <summary>The container's arguments for a run here: the shipped rules for the image's copy, a free port of 127.0.0.1.</summary>
    private static string[] Local(IReadOnlyList<string> arguments)
    {
        var local = arguments.ToArray();
        local[arguments.ToList().IndexOf("--rules") + 1] = Path.Combine(RepositoryRoot.Path, "rules");
        local[arguments.ToList().IndexOf("--urls") + 1] = "http://127.0.0.1:0";
        return local;
    }
}
