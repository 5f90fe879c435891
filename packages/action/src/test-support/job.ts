// One small valid batch/v1 Job for the action's input tests (the article's pi Job is
// examples/pi-job.yaml; this one needs no image beyond busybox).
export const TEST_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: pi
          image: busybox:1.37
          command: ["sh", "-c", "echo 3.14159"]
`;
