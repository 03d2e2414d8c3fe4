using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

/// <summary>training.device: auto, cpu, cuda or cuda:N, and a clear error naming the field for anything else.</summary>
public sealed class TrainingDeviceSpecTests
{
    private static TrainingSpec Training(params string[] overrides) =>
        RunSpecReader.Read(SpecYaml.Minimal, overrides, "/specs").Training;

    [Fact]
    public void Without_the_field_the_device_is_auto()
    {
        Assert.Equal(DeviceSpec.Auto, Training().Device);
        Assert.Equal("auto", Training().Device.ToString());
    }

    [Theory]
    [InlineData("auto", DeviceKind.Auto, null, "auto")]
    [InlineData("cpu", DeviceKind.Cpu, null, "cpu")]
    [InlineData("CPU", DeviceKind.Cpu, null, "cpu")]
    [InlineData("cuda", DeviceKind.Cuda, null, "cuda")]
    [InlineData("cuda:0", DeviceKind.Cuda, 0, "cuda:0")]
    [InlineData("cuda:7", DeviceKind.Cuda, 7, "cuda:7")]
    [InlineData("cuda:63", DeviceKind.Cuda, 63, "cuda:63")]
    public void Each_device_reads_and_prints_as_the_spec_spells_it(string text, DeviceKind kind, int? index, string printed)
    {
        var device = Training($"training.device={text}").Device;

        Assert.Equal(new DeviceSpec { Kind = kind, Index = index }, device);
        Assert.Equal(printed, device.ToString());
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:64")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:+1")]
    [InlineData("cuda:x")]
    [InlineData("cuda:0001")]
    [InlineData("mps")]
    [InlineData("1")]
    public void Anything_else_is_named_with_the_choices(string text)
    {
        var error = Assert.Throws<SpecException>(() => Training($"training.device={text}"));

        Assert.Equal("training.device", error.Field);
        Assert.Contains("must be auto, cpu, cuda or cuda:N (N from 0 to 63)", error.Message);
    }

    [Theory]
    [InlineData("[cpu]")]
    [InlineData("cuda:")] // YAML reads a mapping { cuda: null }
    public void A_list_or_a_mapping_is_not_a_device(string text)
    {
        var error = Assert.Throws<SpecException>(() => Training($"training.device={text}"));

        Assert.Equal("training.device", error.Field);
    }
}
