using RecSharp.Torch.NN;

namespace RecSharp.Torch.Tests;

/// <summary>Module plumbing: names, modes, state dicts and their errors, ownership of parameters.</summary>
public class NNModuleTests
{
    /// <summary>A module with a parameter, a buffer, a nested Sequential and a GRU, to exercise dotted names.</summary>
    private sealed class Tower : Module<Tensor, Tensor>
    {
        public Tower()
        {
            using var one = torch.Ones(1);
            Scale = RegisterParameter("scale", new Parameter(one))!;
            Steps = RegisterBuffer("steps", torch.Zeros([1], ScalarType.Int64))!;
            Mlp = RegisterModule("mlp", new Sequential(new Linear(2, 3), new ReLU(), new Dropout(0.1), new Linear(3, 1)));
            Encoder = RegisterModule("encoder", new GRU(1, 2));
        }

        public Parameter Scale { get; }
        public Tensor Steps { get; }
        public Sequential Mlp { get; }
        public GRU Encoder { get; }

        public override Tensor Forward(Tensor input)
        {
            using var y = Mlp.Forward(input);
            return y * Scale;
        }
    }

    [Fact]
    public void ParametersHaveDottedNamesInRegistrationOrder()
    {
        using var tower = new Tower();
        Assert.Equal(
            ["scale", "mlp.0.weight", "mlp.0.bias", "mlp.3.weight", "mlp.3.bias",
             "encoder.weight_ih_l0", "encoder.weight_hh_l0", "encoder.bias_ih_l0", "encoder.bias_hh_l0"],
            tower.NamedParameters().Select(p => p.Name));
        Assert.Equal(["steps"], tower.NamedBuffers().Select(b => b.Name));
        Assert.Equal(["", "mlp", "mlp.0", "mlp.1", "mlp.2", "mlp.3", "encoder"], tower.NamedModules().Select(m => m.Name));
        Assert.Equal(1 + (6 + 3) + (3 + 1) + (6 + 12 + 6 + 6), tower.ParameterCount);
    }

    [Fact]
    public void StateDictListsParametersThenBuffersThenChildren()
    {
        using var tower = new Tower();
        using var state = new DisposingState(tower.StateDict());
        Assert.Equal(
            ["scale", "steps", "mlp.0.weight", "mlp.0.bias", "mlp.3.weight", "mlp.3.bias",
             "encoder.weight_ih_l0", "encoder.weight_hh_l0", "encoder.bias_ih_l0", "encoder.bias_hh_l0"],
            state.Dict.Keys);
        Assert.False(state.Dict["mlp.0.weight"].RequiresGrad); // detached views
    }

    [Fact]
    public void TrainAndEvalReachEverySubmodule()
    {
        using var tower = new Tower();
        Assert.All(tower.NamedModules(), m => Assert.True(m.Module.IsTraining));
        tower.Eval();
        Assert.All(tower.NamedModules(), m => Assert.False(m.Module.IsTraining));
        tower.Train();
        Assert.True(tower.Mlp[2].IsTraining);
    }

    [Fact]
    public void StateDictRoundTripReproducesOutputs()
    {
        torch.ManualSeed(21);
        using var a = new Tower();
        using var b = new Tower();
        a.Eval();
        b.Eval();
        using var x = torch.Randn(4, 2);
        using var before = b.Forward(x);
        using var expected = a.Forward(x);
        Assert.NotEqual(expected.ToArray<float>(), before.ToArray<float>());

        using (var state = new DisposingState(a.StateDict())) b.LoadStateDict(state.Dict);
        using var after = b.Forward(x);
        Assert.Equal(expected.ToArray<float>(), after.ToArray<float>());
        Assert.True(b.Mlp[0] is Linear l && l.Weight.RequiresGrad && l.Weight.IsLeaf);
    }

    [Fact]
    public void LoadStateDictReportsMissingAndUnexpectedKeys()
    {
        using var linear = new Linear(2, 3);
        using var weight = torch.Zeros(3, 2);
        using var extra = torch.Zeros(1);
        var state = new Dictionary<string, Tensor> { ["weight"] = weight, ["running_mean"] = extra, ["extra.0"] = extra };
        var e = Assert.Throws<InvalidOperationException>(() => linear.LoadStateDict(state));
        Assert.Equal(
            "Error(s) in loading state_dict for Linear:\n" +
            "\tMissing key(s) in state_dict: \"bias\".\n" +
            "\tUnexpected key(s) in state_dict: \"running_mean\", \"extra.0\".",
            e.Message);
        Assert.NotEqual(new float[6], linear.Weight.ToArray<float>()); // nothing was copied

        linear.LoadStateDict(state, strict: false);
        Assert.Equal(new float[6], linear.Weight.ToArray<float>());
    }

    [Fact]
    public void LoadStateDictReportsShapeMismatchesEvenWhenNotStrict()
    {
        using var linear = new Linear(2, 3);
        using var weight = torch.Zeros(2, 3);
        using var bias = torch.Zeros(3);
        var state = new Dictionary<string, Tensor> { ["weight"] = weight, ["bias"] = bias };
        var e = Assert.Throws<InvalidOperationException>(() => linear.LoadStateDict(state, strict: false));
        Assert.Equal(
            "Error(s) in loading state_dict for Linear:\n" +
            "\tsize mismatch for weight: copying a param with shape [2, 3] from checkpoint, the shape in current model is [3, 2].",
            e.Message);
    }

    [Fact]
    public void LoadStateDictConvertsTheElementType()
    {
        using var linear = new Linear(1, 1);
        using var w = torch.Tensor(new double[] { 0.5 }, 1, 1);
        using var b = torch.Tensor(new double[] { -2 }, 1);
        linear.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = w, ["bias"] = b });
        Assert.Equal(ScalarType.Float32, linear.Weight.DType);
        Assert.Equal(0.5f, linear.Weight.ToSingle());
        Assert.Equal(-2f, linear.Bias!.ToSingle());
    }

    [Fact]
    public void ParametersOutliveTheDisposeScopeTheModuleWasBuiltIn()
    {
        Linear linear;
        Tensor output;
        using (var scope = torch.NewDisposeScope())
        {
            linear = new Linear(3, 2);
            using var x = torch.Ones(1, 3);
            output = linear.Forward(x);
        }
        Assert.True(output.IsDisposed);
        Assert.False(linear.Weight.IsDisposed);
        Assert.False(linear.Bias!.IsDisposed);
        using var x2 = torch.Ones(1, 3);
        using var y = linear.Forward(x2);
        Assert.Equal(new long[] { 1, 2 }, y.Shape);

        linear.Dispose();
        Assert.True(linear.Weight.IsDisposed);
        Assert.True(linear.Bias.IsDisposed);
    }

    [Fact]
    public void SequentialFreesItsIntermediatesButNotItsInput()
    {
        using var mlp = new Sequential(new Linear(2, 2), new ReLU(), new Linear(2, 1));
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones(1, 2);
        var y = mlp.Forward(x);
        Assert.False(x.IsDisposed);
        Assert.False(y.IsDisposed);
        Assert.Equal(new long[] { 1, 1 }, y.Shape);
    }

    [Fact]
    public void ModuleListRegistersItsItemsByIndex()
    {
        var blocks = new ModuleList<Linear>(Enumerable.Range(0, 3).Select(_ => new Linear(2, 2)));
        using var holder = new Holder(blocks);
        Assert.Equal(3, blocks.Count);
        Assert.Equal(["blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias", "blocks.2.weight", "blocks.2.bias"],
            holder.NamedParameters().Select(p => p.Name));
        holder.Eval();
        Assert.All(blocks, b => Assert.False(b.IsTraining));
    }

    private sealed class Holder : Module
    {
        public Holder(ModuleList<Linear> blocks) => RegisterModule("blocks", blocks);
    }

    [Fact]
    public void ZeroGradClearsEveryParameter()
    {
        using var tower = new Tower();
        using (var scope = torch.NewDisposeScope())
            tower.Forward(torch.Ones(2, 2)).Sum().Backward();
        using (var g = tower.Scale.Grad) Assert.NotNull(g);
        tower.ZeroGrad();
        Assert.All(tower.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void RegistrationRejectsDottedAndDuplicateNames()
    {
        var e = Assert.Throws<ArgumentException>(() => new BadNames(dotted: true));
        Assert.StartsWith("BadNames: name \"a.b\" must not contain \".\"", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BadNames(dotted: false));
        Assert.StartsWith("BadNames: name \"w\" is already used by another parameter, buffer or module", e.Message);
    }

    private sealed class BadNames : Module
    {
        public BadNames(bool dotted)
        {
            if (dotted) RegisterParameter("a.b", null);
            else
            {
                RegisterParameter("w", null);
                RegisterBuffer("w", null);
            }
        }
    }

    [Fact]
    public void ModuleSaveAndLoadRoundTripThroughSafetensors()
    {
        var folder = Directory.CreateTempSubdirectory("recsharp-nn-");
        try
        {
            string path = Path.Combine(folder.FullName, "model.safetensors");
            torch.ManualSeed(22);
            using var a = new Tower();
            using var b = new Tower();
            using (torch.NoGrad()) a.Steps.Fill_(7);
            a.Save(path);
            b.Load(path);
            using var sa = new DisposingState(a.StateDict());
            using var sb = new DisposingState(b.StateDict());
            foreach (var key in sa.Dict.Keys)
                using (var eq = sa.Dict[key].Eq(sb.Dict[key]))
                    Assert.True(eq.ToArray<bool>().All(v => v), key);
            Assert.Equal(7, b.Steps.ToInt64());

            using var other = new Linear(2, 2);
            var e = Assert.Throws<InvalidOperationException>(() => other.Load(path));
            Assert.StartsWith($"{path}: Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: \"weight\", \"bias\".", e.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
