using Minimax.Testing;

namespace Minimax.Deployment.Tests;

/// <summary>
/// <c>kubectl kustomize</c>: the kubectl on PATH, else Debian's kubernetes-client (kubectl 1.20, kustomize 2.0.3),
/// which the tests unpack into their cache folder themselves (<see cref="DebianTool"/>), so a fresh machine needs nothing.
/// </summary>
public static class Kustomize
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<string> BuildAsync(string folder)
    {
        var kubectl = await DebianTool.FindAsync("kubectl", "kubernetes-client");
        using var deadline = new CancellationTokenSource(Timeout);
        var (exitCode, output, errors) = await ExternalCommand.RunSeparatelyAsync(kubectl, ["kustomize", folder], RepositoryRoot.Path, deadline.Token);
        return exitCode == 0 ? output : throw new InvalidOperationException($"kubectl kustomize {folder} failed ({exitCode}): {errors}");
    }
}
