Console.WriteLine("SencoHub benchmarks: nothing to run yet.");
