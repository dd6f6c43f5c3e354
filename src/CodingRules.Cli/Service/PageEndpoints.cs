using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace CodingRules.Cli.Service;

/// <summary>
/// The auditors' page at <c>/ui/</c> (and <c>/</c>, which sends there): static files built into the assembly
/// (<c>Service/Page</c>), a client of the service's own API, with no build step and nothing fetched from elsewhere.
/// Served with a content security policy that allows only this origin's scripts, styles and requests.
/// </summary>
internal static class PageEndpoints
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type)> Files = Load();

    public static void Map(WebApplication app)
    {
        app.MapGet("/", () => HttpResults.Redirect("/ui/"));
        app.MapMethods("/ui/{name?}", ["GET", "HEAD"], (HttpContext context, string? name) =>
        {
            if (string.IsNullOrEmpty(name) && !context.Request.Path.Value!.EndsWith('/'))
            {
                return HttpResults.Redirect("/ui/"); // the page's files are named relative to the folder
            }

            if (!Files.TryGetValue(string.IsNullOrEmpty(name) ? "index.html" : name, out var file))
            {
                return HttpResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such page file");
            }

            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-cache";
            headers["Referrer-Policy"] = "no-referrer";
            return HttpResults.Bytes(file.Bytes, file.Type);
        });
    }

    private static FrozenDictionary<string, (byte[] Bytes, string Type)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("page/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource["page/".Length..];
            var type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            files[name] = (copy.ToArray(), type);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
