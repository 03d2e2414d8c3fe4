using Microsoft.Extensions.Configuration;
using Minimax.Silo.Hosting;

namespace Minimax.EndToEnd.Tests;

/// <summary>What a pod tells its silo: its name (POD_NAME, downward API) and how long a SIGTERM may take (Silo:ShutdownTimeoutSeconds).</summary>
public sealed class PodIdentityOptionsTests
{
    private static SiloOptions Read(Dictionary<string, string?> settings) =>
        SiloOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void The_silo_is_named_after_its_pod_unless_silo_name_is_set()
    {
        Assert.Null(Read([]).SiloName);
        Assert.Equal("minimax-worker-7c9f-x2", Read(new() { ["POD_NAME"] = "minimax-worker-7c9f-x2" }).SiloName);
        Assert.Equal("explicit", Read(new() { ["POD_NAME"] = "pod", ["Silo:Name"] = "explicit" }).SiloName);
    }

    [Fact]
    public void The_shutdown_timeout_defaults_to_a_minute_and_is_read_in_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), Read([]).ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), Read(new() { ["Silo:ShutdownTimeoutSeconds"] = "120" }).ShutdownTimeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1m")]
    [InlineData("3601")]
    public void A_shutdown_timeout_that_is_not_1_to_3600_seconds_is_refused(string seconds)
    {
        var error = Assert.Throws<SiloConfigurationException>(() => Read(new() { ["Silo:ShutdownTimeoutSeconds"] = seconds }));

        Assert.StartsWith("Silo:ShutdownTimeoutSeconds: ", error.Message);
    }
}
