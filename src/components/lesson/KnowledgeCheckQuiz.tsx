import { getProgressRecorder } from '../../services/progress';
import { KnowledgeCheckForm, type KnowledgeCheckFormProps } from './KnowledgeCheckForm';

export type { QuizItem, QuizOption } from './KnowledgeCheckForm';

/** The lesson page's knowledge check island: answers go to the browser's progress recorder. */
export default function KnowledgeCheckQuiz(props: Omit<KnowledgeCheckFormProps, 'recorder'>) {
  return <KnowledgeCheckForm {...props} recorder={getProgressRecorder} />;
}
