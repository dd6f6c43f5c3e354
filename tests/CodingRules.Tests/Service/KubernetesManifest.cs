using YamlDotNet.RepresentationModel;

namespace CodingRules.Tests.Service;

/// <summary>The objects of a Kubernetes manifest (one YAML document each), read with YamlDotNet, with paths into them.</summary>
internal sealed class KubernetesManifest
{
    private readonly List<YamlMappingNode> _objects;

    private KubernetesManifest(List<YamlMappingNode> objects) => _objects = objects;

    public static KubernetesManifest Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return new KubernetesManifest([.. stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode))]);
    }

    /// <summary>The one object of this kind.</summary>
    public YamlMappingNode Single(string kind) => Assert.Single(_objects, o => Scalar(o, "kind") == kind);

    /// <summary>The objects of this kind (none or more).</summary>
    public IEnumerable<YamlMappingNode> All(string kind) => _objects.Where(o => Scalar(o, "kind") == kind);

    /// <summary>The node at a path of mapping keys, or null where a key is missing.</summary>
    public static YamlNode? At(YamlNode? node, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The scalar at a path, or null.</summary>
    public static string? Scalar(YamlNode? node, params string[] keys) => (At(node, keys) as YamlScalarNode)?.Value;

    /// <summary>The items of the sequence at a path (none when missing).</summary>
    public static IReadOnlyList<YamlNode> Items(YamlNode? node, params string[] keys) =>
        At(node, keys) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    /// <summary>The scalars of the sequence at a path.</summary>
    public static IReadOnlyList<string> Scalars(YamlNode? node, params string[] keys) =>
        [.. Items(node, keys).Select(i => Assert.IsType<YamlScalarNode>(i).Value!)];
}
