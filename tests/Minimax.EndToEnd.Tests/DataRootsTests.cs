using Grpc.Core;
using Minimax.Contracts.Api;

namespace Minimax.EndToEnd.Tests;

[Collection(SecuredSiloCollection.Name)]
public sealed class DataRootsTests(SecuredSiloFixture silo) : IDisposable
{
    // A valid train.csv outside the data root, so a refusal can only come from the root check.
    private readonly string _outside = Directory.CreateTempSubdirectory("minimax-outside-").FullName;

    public void Dispose() => Directory.Delete(_outside, recursive: true);

    [Fact]
    public async Task A_dotdot_escape_is_refused_naming_the_field()
    {
        var escape = Path.GetRelativePath(silo.DataDirectory, CopyTrainOutside());
        Assert.StartsWith("..", escape);

        await AssertRefusedAsync($"data.train={escape}", "data.train");
    }

    [Fact]
    public async Task An_absolute_path_outside_the_roots_is_refused_naming_the_field()
    {
        await AssertRefusedAsync("data.train=/etc/passwd", "data.train");
        await AssertRefusedAsync($"data.test={CopyTrainOutside()}", "data.test");
    }

    [Fact]
    public async Task A_symlink_out_of_the_root_is_refused_naming_the_field()
    {
        var link = Path.Combine(silo.DataDirectory, $"link-{Guid.NewGuid():N}.csv");
        File.CreateSymbolicLink(link, CopyTrainOutside());

        await AssertRefusedAsync($"data.train={link}", "data.train");
    }

    [Fact]
    public async Task A_symlinked_folder_out_of_the_root_is_refused_naming_the_field()
    {
        CopyTrainOutside();
        var folder = Path.Combine(silo.DataDirectory, $"folder-{Guid.NewGuid():N}");
        Directory.CreateSymbolicLink(folder, _outside);

        await AssertRefusedAsync($"data.val={Path.Combine(folder, "train.csv")}", "data.val");
    }

    [Fact]
    public async Task Files_inside_the_root_are_accepted_even_through_a_link_that_stays_inside()
    {
        var link = Path.Combine(silo.DataDirectory, $"inside-{Guid.NewGuid():N}.csv");
        File.CreateSymbolicLink(link, Path.Combine(silo.DataDirectory, "train.csv"));
        var client = silo.ClientFor("epsilon");
        var request = silo.Request(SiloFixture.SpecYaml("erm", steps: 3, workers: 1));
        request.Overrides.Add($"data.train={link}");

        var reply = await client.SubmitRunAsync(request);

        Assert.Equal("completed", (await SecuredSiloFixture.FinalReportAsync(client, reply.RunId)).Status);
    }

    private string CopyTrainOutside()
    {
        var path = Path.Combine(_outside, "train.csv");
        File.Copy(Path.Combine(silo.DataDirectory, "train.csv"), path, overwrite: true);
        return path;
    }

    private async Task AssertRefusedAsync(string overrideText, string field)
    {
        var request = silo.Request(SiloFixture.SpecYaml());
        request.Overrides.Add(overrideText);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await silo.ClientFor("epsilon").SubmitRunAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith($"{field}: ", error.Status.Detail);
        Assert.EndsWith("is outside the data roots", error.Status.Detail);
    }
}
