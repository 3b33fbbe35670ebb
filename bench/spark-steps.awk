# Sums the --timing stage lines of beaconwatch-spark into the steps of the job (task run, CPU and GC
# time, summed over tasks):  awk -f bench/spark-steps.awk LOG
# sums task run and CPU time per step from --timing stage lines
/stage/ {
  for (i = 1; i <= NF; i++) { if ($i == "run") run = $(i+1); if ($i == "cpu") cpu = $(i+1); if ($i == "gc") gc = $(i+1) }
  id = $2 + 0
  if ($0 ~ /read and shuffle/) k = (first_read == "" ? "1 read (parse, time window) + shuffle by uid" : "2 uid step + shuffle by channel")
  else if ($0 ~ /pass 1/) k = "3 pass 1: group into channels"
  else if ($0 ~ /context/) k = "4 context: prevalence, neighbourhood, join back"
  else if ($0 ~ /pass 2/) k = "5 pass 2: group again, score"
  else if ($0 ~ /parquet/) k = "6 write parquet"
  else k = "7 other"
  if ($0 ~ /read and shuffle/ && first_read == "") first_read = id
  R[k] += run; C[k] += cpu; G[k] += gc; TR += run; TC += cpu
}
END { for (k in R) printf "%-50s run %7.1f s  cpu %6.1f s  gc %5.1f s\n", k, R[k], C[k], G[k] | "sort"; close("sort"); printf "%-50s run %7.1f s  cpu %6.1f s\n", "total", TR, TC }
