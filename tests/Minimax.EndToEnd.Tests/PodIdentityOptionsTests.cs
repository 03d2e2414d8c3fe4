using Microsoft.Extensions.Configuration;
using Minimax.Silo.Hosting;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// What a pod tells its silo: its name (POD_NAME, downward API), how long a SIGTERM may take (Silo:ShutdownTimeoutSeconds)
/// and how much of that the drain may use (Silo:DrainTimeoutSeconds).
/// </summary>
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

    [Fact]
    public void The_drain_timeout_defaults_to_45_seconds_and_0_turns_the_drain_off()
    {
        Assert.Equal(TimeSpan.FromSeconds(45), Read([]).DrainTimeout);
        Assert.Equal(TimeSpan.Zero, Read(new() { ["Silo:DrainTimeoutSeconds"] = "0" }).DrainTimeout);
        Assert.Equal(TimeSpan.FromSeconds(100), Read(new() { ["Silo:DrainTimeoutSeconds"] = "100" }).DrainTimeout);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("45s")]
    [InlineData("3601")]
    public void A_drain_timeout_that_is_not_0_to_3600_seconds_is_refused(string seconds)
    {
        var error = Assert.Throws<SiloConfigurationException>(() => Read(new() { ["Silo:DrainTimeoutSeconds"] = seconds }));

        Assert.StartsWith("Silo:DrainTimeoutSeconds: ", error.Message);
    }

    [Fact]
    public void A_drain_that_would_use_the_whole_shutdown_timeout_stops_the_silo_at_start()
    {
        var options = Read(new() { ["Silo:DrainTimeoutSeconds"] = "60", ["Silo:ShutdownTimeoutSeconds"] = "60" });

        var error = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([], options));

        Assert.StartsWith("Silo:DrainTimeoutSeconds: 60 s is not below Silo:ShutdownTimeoutSeconds (60 s)", error.Message);
    }
}
