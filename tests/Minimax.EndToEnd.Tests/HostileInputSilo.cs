using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Silo;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// A silo of its own for the hostile-input tests (so the fuzzer cannot disturb the other end-to-end
/// tests), with a small valid dataset, a text corpus and a completed run in a temp folder (the
/// <see cref="HostileTemplates"/> of every kind use them), and a raw submit that can send bytes that are
/// not UTF-8 where the proto says string.
/// </summary>
public sealed class HostileInputSilo : IAsyncLifetime
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private EmbeddedCluster? _cluster;

    public GrpcChannel Channel { get; private set; } = null!;

    public Runs.RunsClient Client { get; private set; } = null!;

    public Jobs.JobsClient Jobs { get; private set; } = null!;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("minimax-hostile-").FullName;

    /// <summary>Every job a submit accepted, by id: anything else the tenant lists was half-written.</summary>
    public ConcurrentDictionary<string, string> Accepted { get; } = new();

    public async Task InitializeAsync()
    {
        WriteValidDataset(DataDirectory);
        DomainCorpus.Write(Path.Combine(DataDirectory, "corpus"), trainChars: 2_000, heldoutChars: 500);
        _cluster = await EmbeddedCluster.StartAsync(CancellationToken.None);
        Channel = GrpcChannel.ForAddress(_cluster.Address);
        Client = new Runs.RunsClient(Channel);
        Jobs = new Jobs.JobsClient(Channel);

        // The run every evaluation template scores: its id follows from the request id.
        var run = await Jobs.SubmitJobAsync(new SubmitJobRequest
        {
            SpecYaml = ValidSpec(steps: 2), SpecDirectory = DataDirectory, RequestId = HostileTemplates.EvaluatedRunRequestId,
        });
        Accepted[run.JobId] = "the evaluated run";
        var report = await new HostileInputOracle(this).WatchToEndAsync(run.JobId, TimeSpan.FromMinutes(2), cancelAboveSteps: null);
        if (run.JobId != HostileTemplates.EvaluatedRunId || report?.Status != "completed")
        {
            throw new InvalidOperationException($"the evaluated run {run.JobId} (expected {HostileTemplates.EvaluatedRunId}) ended '{report?.Status}': {report?.Reason}");
        }
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A worker may still hold a file open on a slow shutdown; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>
    /// SubmitRun or SubmitJob with spec_yaml (and overrides) given as raw bytes, encoded by hand as the proto's
    /// wire format (both requests number their fields alike); returns the id of the accepted job.
    /// </summary>
    public async Task<string> RawSubmitAsync(HostileApi api, byte[] specYaml, IEnumerable<byte[]> overrides, string specDirectory, CallOptions options)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(SubmitJobRequest.SpecYamlFieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(specYaml));
        foreach (var item in overrides)
        {
            output.WriteTag(SubmitJobRequest.OverridesFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(item));
        }

        output.WriteTag(SubmitJobRequest.SpecDirectoryFieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteString(specDirectory);
        output.Flush();
        var method = api == HostileApi.Runs
            ? new Method<byte[], byte[]>(MethodType.Unary, "minimax.v1.Runs", "SubmitRun", Bytes, Bytes)
            : new Method<byte[], byte[]>(MethodType.Unary, "minimax.v1.Jobs", "SubmitJob", Bytes, Bytes);
        var reply = await Channel.CreateCallInvoker().AsyncUnaryCall(method, null, options, buffer.ToArray());
        return api == HostileApi.Runs ? SubmitRunReply.Parser.ParseFrom(reply).RunId : SubmitJobReply.Parser.ParseFrom(reply).JobId;
    }

    /// <summary>A valid spec over <see cref="WriteValidDataset"/>: a few steps of a tiny MLP.</summary>
    public static string ValidSpec(int steps = 4, string objective = "group_dro", int workers = 1) => $$"""
        name: hostile-base
        seed: 3
        data:
          format: csv
          train: train.csv
          val: val.csv
          test: test.csv
          label: y
          groups_by: [a]
          features: [f0, f1, f2]
        model: { kind: mlp, hidden: [8] }
        objective:
          kind: {{objective}}
          step_size: 0.1
          generalization_adjustment: 0.5
        training:
          workers: {{workers}}
          steps: {{steps}}
          batch_size: 16
          optimizer: { kind: sgd, lr: 0.05, momentum: 0.9, weight_decay: 0.0001 }
          eval_every: 2
        """;

    /// <summary>train/val/test CSVs with columns y, a, g (= 2y + a), f0..f2; all four groups in every split.</summary>
    public static void WriteValidDataset(string directory, int seed = 1)
    {
        var random = new Random(seed);
        foreach (var (name, rows) in new[] { ("train.csv", 48), ("val.csv", 24), ("test.csv", 24) })
        {
            File.WriteAllText(Path.Combine(directory, name), ValidCsv(random, rows));
        }
    }

    public static string ValidCsv(Random random, int rows)
    {
        var text = new StringBuilder("y,a,g,f0,f1,f2\n");
        for (var row = 0; row < rows; row++)
        {
            var y = row % 2;
            var a = (row / 2) % 2;
            text.Append(CultureInfo.InvariantCulture, $"{y},{a},{2 * y + a}");
            for (var f = 0; f < 3; f++)
            {
                text.Append(CultureInfo.InvariantCulture, $",{(y - 0.5) + random.NextDouble() - 0.5:0.####}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}

[CollectionDefinition(Name)]
public sealed class HostileInputCollection : ICollectionFixture<HostileInputSilo>
{
    public const string Name = "hostile-input";
}
